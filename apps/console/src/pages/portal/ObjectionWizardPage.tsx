import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { MaterialsField, type ChosenMaterial } from '../../components/MaterialsField';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/language';
import type { MessageKey } from '../../i18n/messages';
import { readCase } from './case-reading';
import { usePortalRecords, useWizardAddress } from './portal-wizard';
import { CommitmentFields, RecordSelect, WizardFrame, WizardNav, WizardStep } from './WizardParts';

type FileObjection = components['schemas']['FileObjectionRequest'];
type Ground = FileObjection['ground'];
type Category = NonNullable<FileObjection['materials']>[number]['category'];

/** The grounds and material categories FileObjectionRequest accepts (its enums in the OpenAPI document). */
const GROUNDS: Ground[] = [
  'wrong',
  'missing',
  'duplicated',
  'should_not_publish',
  'beyond_period',
  'differs_from_authority',
  'publicity_period',
];
const CATEGORIES: Category[] = ['evidence', 'identity', 'power_of_attorney', 'other'];

/**
 * `/portal/objections/new?record=…&step=…`: 选择记录 → 异议内容 → 上传材料 → 信用承诺 → 核对提交. An objection is filed
 * in one request (the API keeps no draft of it), so what is typed lives in the page until it is submitted.
 */
export function ObjectionWizardPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const { params, go } = useWizardAddress();
  const recordId = params.get('record') ?? undefined;
  const step = Number(params.get('step') ?? 0);

  const records = usePortalRecords();
  const [ground, setGround] = useState<Ground | undefined>();
  const [statement, setStatement] = useState('');
  const [materials, setMaterials] = useState<ChosenMaterial[]>([]);
  const [commitment, setCommitment] = useState<string | null>(null);
  const [consent, setConsent] = useState(false);
  const [missing, setMissing] = useState<MessageKey | null>(null);
  const commitmentText = commitment ?? t('wizard.commitment.objectionTemplate');

  const file = useMutation({
    mutationFn: async () =>
      readCase(
        await unwrap(
          api.POST('/api/v1/objections', {
            headers: { 'Idempotency-Key': crypto.randomUUID() },
            body: {
              recordId: recordId!,
              ground: ground!,
              statement,
              materials: materials.map((m) => ({ fileId: m.fileId, category: m.category as Category })),
              commitment: { content: commitmentText, consent: true },
            },
          }),
        ),
      ),
    onSuccess: (filed) => {
      void queries.invalidateQueries({ queryKey: ['portal'] });
      void navigate(`/cases/${filed.id}`);
    },
  });
  const record = records.data?.items.find((r) => r.id === recordId);
  const next = (ok: boolean, why: MessageKey, to: number) => {
    setMissing(ok ? null : why);
    if (ok) go({ step: String(to) });
  };
  const nav = (back: number, onNext: () => void) => (
    <WizardNav onBack={() => go({ step: String(back) })} onNext={onNext} />
  );

  return (
    <WizardFrame
      title={t('wizard.objection.title')}
      secondStep={t('wizard.step.details')}
      current={step}
      notices={
        <>
          <ProblemAlert error={records.error} />
          {missing && <Alert type="error" role="alert" showIcon title={t(missing)} />}
        </>
      }
    >
      {step === 0 && (
        <WizardStep>
          <RecordSelect
            id="objection-record"
            records={(records.data?.items ?? []).filter((r) => !r.objectionMarked)}
            value={recordId}
            onChange={(value) => go({ record: value })}
          />
          <Button type="primary" onClick={() => next(Boolean(recordId), 'wizard.recordRequired', 1)}>
            {t('wizard.next')}
          </Button>
        </WizardStep>
      )}
      {step === 1 && (
        <WizardStep>
          <label htmlFor="objection-ground">{t('wizard.ground')}</label>
          <Select
            id="objection-ground"
            style={{ width: '100%' }}
            value={ground}
            onChange={setGround}
            options={GROUNDS.map((g) => ({ value: g, label: t(`ground.${g}` as MessageKey) }))}
          />
          <label htmlFor="objection-statement">{t('wizard.statement')}</label>
          <Input.TextArea
            id="objection-statement"
            autoSize={{ minRows: 4 }}
            value={statement}
            onChange={(e) => setStatement(e.target.value)}
          />
          {nav(0, () =>
            ground
              ? next(statement.trim() !== '', 'wizard.statementRequired', 2)
              : next(false, 'wizard.groundRequired', 1),
          )}
        </WizardStep>
      )}
      {step === 2 && (
        <WizardStep>
          <MaterialsField
            label={t('wizard.step.materials')}
            categories={CATEGORIES}
            value={materials}
            onChange={setMaterials}
          />
          {nav(1, () => next(true, 'wizard.recordRequired', 3))}
        </WizardStep>
      )}
      {step === 3 && (
        <WizardStep>
          <CommitmentFields
            id="objection-commitment"
            minRows={3}
            text={commitmentText}
            onText={setCommitment}
            consent={consent}
            onConsent={setConsent}
          />
          {nav(2, () => next(consent, 'wizard.commitment.consentRequired', 4))}
        </WizardStep>
      )}
      {step === 4 && (
        <WizardStep>
          <Typography.Paragraph>{t('wizard.review.intro')}</Typography.Paragraph>
          <Descriptions
            column={1}
            bordered
            items={[
              { key: 'record', label: t('wizard.record'), children: record?.decisionNumber },
              {
                key: 'ground',
                label: t('wizard.ground'),
                children: ground ? t(`ground.${ground}` as MessageKey) : '',
              },
              { key: 'statement', label: t('wizard.statement'), children: statement },
              {
                key: 'materials',
                label: t('wizard.step.materials'),
                children: materials.length
                  ? materials.map((m) => <div key={m.fileId}>{m.fileName}</div>)
                  : t('wizard.materials.none'),
              },
              { key: 'commitment', label: t('wizard.step.commitment'), children: commitmentText },
            ]}
          />
          <ProblemAlert error={file.error} />
          <WizardNav
            onBack={() => go({ step: '3' })}
            onNext={() => file.mutate()}
            nextLabel={t('wizard.submitObjection')}
            loading={file.isPending}
            disabled={!ground || !recordId || !consent}
          />
        </WizardStep>
      )}
    </WizardFrame>
  );
}
