import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { ProblemError } from '../../api/problem';
import { MaterialsField, type ChosenMaterial } from '../../components/MaterialsField';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useI18n, type BilingualText } from '../../i18n/language';
import { readCase } from './case-reading';
import { usePortalRecords, useWizardAddress } from './portal-wizard';
import { CommitmentFields, RecordSelect, WizardFrame, WizardNav, WizardStep } from './WizardParts';

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
  const { params, go } = useWizardAddress();
  const recordId = params.get('record') ?? undefined;
  const caseId = params.get('case');
  const step = Number(params.get('step') ?? (caseId ? 2 : 0));

  const records = usePortalRecords();
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

  return (
    <WizardFrame
      title={t('wizard.repair.title')}
      secondStep={t('wizard.step.conditions')}
      current={step}
      notices={
        <>
          {draft.data?.caseNumber === null && draft.data && (
            <Typography.Text type="secondary">
              {t('wizard.draftSaved', { number: draft.data.title })}
            </Typography.Text>
          )}
          <ProblemAlert error={draft.error ?? records.error} />
        </>
      }
    >
      {step === 0 && (
        <WizardStep>
          <RecordSelect
            id="wizard-record"
            loading={records.isPending}
            records={(records.data?.items ?? []).filter(
              (r) => r.publicStatus === 'published' || r.publicStatus === 'repairable',
            )}
            value={recordId}
            onChange={(value) => go({ record: value, case: undefined })}
          />
          <Button
            type="primary"
            disabled={!recordId}
            loading={create.isPending}
            onClick={() => (caseId ? go({ step: '1' }) : create.mutate(recordId!))}
          >
            {t('wizard.check')}
          </Button>
        </WizardStep>
      )}
      {step === 1 &&
        (caseId ? (
          <WizardStep>
            <Alert type="success" showIcon title={t('wizard.conditionsMet')} />
            <WizardNav onBack={() => go({ step: '0' })} onNext={() => go({ step: '2' })} />
          </WizardStep>
        ) : unmet ? (
          <WizardStep>
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
          </WizardStep>
        ) : (
          <WizardStep>
            <ProblemAlert error={create.error} />
            <Button onClick={() => go({ step: '0' })}>{t('wizard.back')}</Button>
          </WizardStep>
        ))}
      {step === 2 && draft.data && (
        <WizardStep>
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
          <WizardNav
            onBack={() => go({ step: '1' })}
            onNext={() => attach.mutate()}
            loading={attach.isPending}
          />
        </WizardStep>
      )}
      {step === 3 && draft.data && (
        <WizardStep>
          <CommitmentFields
            id="wizard-commitment"
            minRows={4}
            text={commitmentText}
            onText={setCommitment}
            consent={consent}
            onConsent={(checked) => {
              setConsent(checked);
              setConsentMissing(false);
            }}
          />
          {consentMissing && (
            <Alert type="error" role="alert" title={t('wizard.commitment.consentRequired')} />
          )}
          <ProblemAlert error={commit.error} />
          <WizardNav
            onBack={() => go({ step: '2' })}
            onNext={() => (consent ? commit.mutate() : setConsentMissing(true))}
            loading={commit.isPending}
          />
        </WizardStep>
      )}
      {step === 4 && draft.data && (
        <WizardStep>
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
          <WizardNav
            onBack={() => go({ step: '3' })}
            onNext={() => submit.mutate()}
            nextLabel={t('wizard.submit')}
            loading={submit.isPending}
          />
        </WizardStep>
      )}
      {step >= 2 && caseId && draft.isPending && <Spin description={t('app.loading')} />}
    </WizardFrame>
  );
}
