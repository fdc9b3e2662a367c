import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Input,
  Select,
  Space,
  Spin,
  Steps,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { ProblemError } from '../../api/problem';
import { MaterialsField, type ChosenMaterial } from '../../components/MaterialsField';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useI18n, type BilingualText } from '../../i18n/language';
import { readCase } from './case-reading';

/** Repair material categories (MATERIAL_CATEGORIES of the API: the enum of AttachMaterialRequest). */
const CATEGORIES = ['correction_proof', 'commitment_letter', 'other'] as const;
type Category = (typeof CATEGORIES)[number];

/** The rules the API names when a record may not be repaired yet (REPAIR.NOT_ELIGIBLE: refusals[]). */
interface UnmetRule {
  rule: string;
  message: BilingualText;
  metOn: string | null;
}

const unmetRulesOf = (error: unknown): UnmetRule[] | null =>
  error instanceof ProblemError &&
  error.problem.code === 'REPAIR.NOT_ELIGIBLE' &&
  Array.isArray(error.problem.refusals)
    ? (error.problem.refusals as UnmetRule[])
    : null;

/** An action on the case as shown: If-Match with its version, so a change meanwhile is refused (412). */
const onCase = (id: string, version: number) => ({
  params: { path: { id }, header: { 'If-Match': String(version) } },
  // One key per submission: a retry after a lost answer is answered once (ADR 0006).
  headers: { 'Idempotency-Key': crypto.randomUUID() },
});

/**
 * `/portal/repairs/new?record=…&case=…&step=…`: 选择记录 → 申请条件 → 上传材料 → 信用承诺 → 核对提交. The draft is the
 * API's draft application (created when the conditions hold); its id and the step are in the address, so a reload
 * or a bookmark comes back to the same place.
 */
export function RepairWizardPage() {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [params, setParams] = useSearchParams();
  const recordId = params.get('record') ?? undefined;
  const caseId = params.get('case');
  const step = Number(params.get('step') ?? (caseId ? 2 : 0));
  const go = (next: Record<string, string | undefined>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next))
      if (v === undefined) merged.delete(k);
      else merged.set(k, v);
    setParams(merged);
  };

  const records = useQuery({
    queryKey: ['portal', 'records'],
    queryFn: () => unwrap(api.GET('/api/v1/credit-records', { params: { query: { pageSize: 100 } } })),
  });
  const draft = useQuery({
    queryKey: ['repair', caseId],
    enabled: caseId !== null,
    queryFn: async () =>
      readCase(
        await unwrap(api.GET('/api/v1/repair-applications/{id}', { params: { path: { id: caseId! } } })),
      ),
  });
  const refresh = () => queries.invalidateQueries({ queryKey: ['repair', caseId] });

  const create = useMutation({
    mutationFn: async (record: string) =>
      readCase(await unwrap(api.POST('/api/v1/repair-applications', { body: { recordId: record } }))),
    onSuccess: (created) => {
      void queries.invalidateQueries({ queryKey: ['portal'] });
      go({ case: created.id, step: '1' });
    },
    onError: () => go({ step: '1' }),
  });
  const [pending, setPending] = useState<ChosenMaterial[]>([]);
  const attach = useMutation({
    mutationFn: async () => {
      if (pending.length)
        await unwrap(
          api.POST('/api/v1/repair-applications/{id}/update-draft', {
            ...onCase(caseId!, draft.data!.version),
            body: { materials: pending.map((m) => ({ fileId: m.fileId, category: m.category as Category })) },
          }),
        );
    },
    onSuccess: async () => {
      setPending([]);
      await refresh();
      go({ step: '3' });
    },
  });
  const [commitment, setCommitment] = useState<string | null>(null);
  const [consent, setConsent] = useState(false);
  const [consentMissing, setConsentMissing] = useState(false);
  const commit = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/repair-applications/{id}/update-draft', {
          ...onCase(caseId!, draft.data!.version),
          body: {
            commitment: {
              content: commitment ?? t('wizard.commitment.repairTemplate'),
              consentToPublish: true,
            },
          },
        }),
      ),
    onSuccess: async () => {
      await refresh();
      go({ step: '4' });
    },
  });
  const submit = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/repair-applications/{id}/submit', {
          ...onCase(caseId!, draft.data!.version),
        }),
      ),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['portal'] });
      void navigate(`/cases/${caseId}`);
    },
  });

  const record = records.data?.items.find((r) => r.id === recordId);
  const unmet = unmetRulesOf(create.error);
  const commitmentText = commitment ?? t('wizard.commitment.repairTemplate');

  const steps = [
    t('wizard.step.record'),
    t('wizard.step.conditions'),
    t('wizard.step.materials'),
    t('wizard.step.commitment'),
    t('wizard.step.review'),
  ];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 24, marginBottom: 0 }}>
        {t('wizard.repair.title')}
      </Typography.Title>
      <Steps current={step} items={steps.map((title) => ({ title }))} />
      {draft.data?.caseNumber === null && draft.data && (
        <Typography.Text type="secondary">
          {t('wizard.draftSaved', { number: draft.data.title })}
        </Typography.Text>
      )}
      <ProblemAlert error={draft.error ?? records.error} />
      <Card>
        {step === 0 && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <label htmlFor="wizard-record">{t('wizard.record')}</label>
            <Select
              id="wizard-record"
              style={{ width: '100%' }}
              loading={records.isPending}
              value={recordId}
              onChange={(value: string) => go({ record: value, case: undefined })}
              options={(records.data?.items ?? [])
                .filter((r) => r.publicStatus === 'published' || r.publicStatus === 'repairable')
                .map((r) => ({ value: r.id, label: `${r.decisionNumber}（${pick(r.publicStatusLabel)}）` }))}
            />
            <Button
              type="primary"
              disabled={!recordId}
              loading={create.isPending}
              onClick={() => (caseId ? go({ step: '1' }) : create.mutate(recordId!))}
            >
              {t('wizard.check')}
            </Button>
          </Space>
        )}
        {step === 1 &&
          (caseId ? (
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <Alert type="success" showIcon title={t('wizard.conditionsMet')} />
              <Space>
                <Button onClick={() => go({ step: '0' })}>{t('wizard.back')}</Button>
                <Button type="primary" onClick={() => go({ step: '2' })}>
                  {t('wizard.next')}
                </Button>
              </Space>
            </Space>
          ) : unmet ? (
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <Alert
                type="warning"
                showIcon
                role="alert"
                title={t('wizard.conditionsUnmet')}
                description={
                  <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    {unmet.map((rule) => (
                      <li key={rule.rule}>
                        {pick(rule.message)}
                        {rule.metOn ? `（${t('wizard.metOn', { date: rule.metOn })}）` : ''}
                      </li>
                    ))}
                  </ul>
                }
              />
              <Button onClick={() => go({ step: '0' })}>{t('wizard.back')}</Button>
            </Space>
          ) : (
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <ProblemAlert error={create.error} />
              <Button onClick={() => go({ step: '0' })}>{t('wizard.back')}</Button>
            </Space>
          ))}
        {step === 2 && draft.data && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {draft.data.materials.length > 0 && (
              <Descriptions
                column={1}
                bordered
                size="small"
                items={draft.data.materials.map((m) => ({
                  key: m.id,
                  label: t(`category.${m.category}` as 'category.other'),
                  children: m.fileName,
                }))}
              />
            )}
            <MaterialsField
              label={t('wizard.step.materials')}
              categories={CATEGORIES}
              value={pending}
              onChange={setPending}
            />
            <ProblemAlert error={attach.error} />
            <Space>
              <Button onClick={() => go({ step: '1' })}>{t('wizard.back')}</Button>
              <Button type="primary" loading={attach.isPending} onClick={() => attach.mutate()}>
                {t('wizard.next')}
              </Button>
            </Space>
          </Space>
        )}
        {step === 3 && draft.data && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <label htmlFor="wizard-commitment">{t('wizard.commitment.text')}</label>
            <Input.TextArea
              id="wizard-commitment"
              autoSize={{ minRows: 4 }}
              value={commitmentText}
              onChange={(e) => setCommitment(e.target.value)}
            />
            <Checkbox
              checked={consent}
              onChange={(e) => {
                setConsent(e.target.checked);
                setConsentMissing(false);
              }}
            >
              {t('wizard.commitment.consent')}
            </Checkbox>
            {consentMissing && (
              <Alert type="error" role="alert" title={t('wizard.commitment.consentRequired')} />
            )}
            <ProblemAlert error={commit.error} />
            <Space>
              <Button onClick={() => go({ step: '2' })}>{t('wizard.back')}</Button>
              <Button
                type="primary"
                loading={commit.isPending}
                onClick={() => (consent ? commit.mutate() : setConsentMissing(true))}
              >
                {t('wizard.next')}
              </Button>
            </Space>
          </Space>
        )}
        {step === 4 && draft.data && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Typography.Paragraph>{t('wizard.review.intro')}</Typography.Paragraph>
            <Descriptions
              column={1}
              bordered
              items={[
                {
                  key: 'record',
                  label: t('wizard.record'),
                  children: draft.data.record?.decisionNumber ?? record?.decisionNumber,
                },
                {
                  key: 'materials',
                  label: t('wizard.step.materials'),
                  children: draft.data.materials.length
                    ? draft.data.materials.map((m) => <div key={m.id}>{m.fileName}</div>)
                    : t('wizard.materials.none'),
                },
                { key: 'commitment', label: t('wizard.step.commitment'), children: commitmentText },
              ]}
            />
            <ProblemAlert error={submit.error} />
            <Space>
              <Button onClick={() => go({ step: '3' })}>{t('wizard.back')}</Button>
              <Button type="primary" loading={submit.isPending} onClick={() => submit.mutate()}>
                {t('wizard.submit')}
              </Button>
            </Space>
          </Space>
        )}
        {step >= 2 && caseId && draft.isPending && <Spin description={t('app.loading')} />}
      </Card>
      <Link to="/portal" style={{ textDecoration: 'underline' }}>
        ← {t('portal.title')}
      </Link>
    </Space>
  );
}
