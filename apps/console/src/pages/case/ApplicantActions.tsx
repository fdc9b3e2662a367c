import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { MaterialsField, type ChosenMaterial } from '../../components/MaterialsField';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/language';
import { formatDate } from '../../time/beijing';
import type { ActionOption, CaseReading } from '../portal/case-reading';

/** Actions the applicant carries out on this page with a form; the others are shown with their state only. */
const WITH_FORM = new Set(['withdraw', 'appeal']);
/** Answered on the page's own supplement form, or in the wizard while a draft. */
const ELSEWHERE = new Set(['supplement', 'update-draft']);

/**
 * The case's actions for the applicant: 撤回申请 and, for an objection, 申诉 (appeal) each open a form; every action
 * not possible now is shown disabled with the API's refusal. Writes send If-Match with the version shown and one
 * Idempotency-Key per form (a retry of the same submission is answered once, ADR 0006).
 */
export function ApplicantActions({ view, isRepair }: { view: CaseReading; isRepair: boolean }) {
  const { t, pick } = useI18n();
  const [open, setOpen] = useState<string | null>(null);
  const shown = view.actions.filter((a) => !ELSEWHERE.has(a.action));
  return (
    <section aria-label={t('case.actions')}>
      <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('case.actions')}</h2>}>
        {shown.length === 0 ? (
          <Typography.Text>{t('case.noActions')}</Typography.Text>
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {shown.map((a) => (
              <Space key={a.action} orientation="vertical" style={{ width: '100%' }}>
                <Space wrap>
                  <Tooltip title={a.refusal ? pick(a.refusal.message) : undefined}>
                    <Button
                      disabled={!a.available || !WITH_FORM.has(a.action)}
                      aria-expanded={WITH_FORM.has(a.action) ? open === a.action : undefined}
                      onClick={() => setOpen(open === a.action ? null : a.action)}
                    >
                      {actionName(a, t, pick)}
                    </Button>
                  </Tooltip>
                  {a.refusal && <Typography.Text type="secondary">{pick(a.refusal.message)}</Typography.Text>}
                  {a.action === 'appeal' && view.appealWindow?.closesOn && (
                    <Typography.Text>
                      {t('case.appealWindow', { date: formatDate(view.appealWindow.closesOn) })}
                    </Typography.Text>
                  )}
                </Space>
                {open === 'withdraw' && a.action === 'withdraw' && a.available && (
                  <WithdrawForm view={view} isRepair={isRepair} onDone={() => setOpen(null)} />
                )}
                {open === 'appeal' && a.action === 'appeal' && a.available && (
                  <AppealForm view={view} onDone={() => setOpen(null)} />
                )}
              </Space>
            ))}
          </Space>
        )}
      </Card>
    </section>
  );
}

function actionName(
  a: ActionOption,
  t: ReturnType<typeof useI18n>['t'],
  pick: ReturnType<typeof useI18n>['pick'],
): string {
  // The applicant's own words for withdrawal (撤回申请); other labels as the API sends them.
  if (a.action === 'withdraw') return t('case.withdraw');
  return pick(a.label) || a.action;
}

/** The headers every case action sends: the version shown (If-Match) and this submission's key. */
function onCase(view: CaseReading, key: string) {
  return {
    params: { path: { id: view.id }, header: { 'If-Match': String(view.version) } },
    headers: { 'Idempotency-Key': key },
  };
}

function useCaseWrite<T>(
  view: CaseReading,
  write: (key: string, input: T) => Promise<unknown>,
  onDone: () => void,
) {
  const queries = useQueryClient();
  // One key per opened form: pressing the button again after a lost answer repeats the same submission.
  const [key] = useState(() => crypto.randomUUID());
  return useMutation({
    mutationFn: (input: T) => write(key, input),
    onSuccess: async () => {
      await Promise.all([
        queries.invalidateQueries({ queryKey: ['applicant-case', view.id] }),
        queries.invalidateQueries({ queryKey: ['case-view', view.id] }),
        queries.invalidateQueries({ queryKey: ['portal'] }),
      ]);
      onDone();
    },
  });
}

function WithdrawForm({
  view,
  isRepair,
  onDone,
}: {
  view: CaseReading;
  isRepair: boolean;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const withdraw = useCaseWrite<{ reason: string }>(
    view,
    (key, { reason }) =>
      unwrap(
        isRepair
          ? api.POST('/api/v1/repair-applications/{id}/withdraw', {
              ...onCase(view, key),
              body: { reasons: [reason.trim()] },
            })
          : api.POST('/api/v1/objections/{id}/withdraw', {
              ...onCase(view, key),
              body: { reasons: [reason.trim()] },
            }),
      ),
    onDone,
  );
  return (
    <Form
      layout="vertical"
      onFinish={(values: { reason: string }) => withdraw.mutate(values)}
      style={{ maxWidth: 640 }}
    >
      <Typography.Paragraph>{t('case.withdrawHint')}</Typography.Paragraph>
      <Form.Item
        label={t('case.withdrawReason')}
        name="reason"
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('case.required', { field: t('case.withdrawReason') }),
          },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
      </Form.Item>
      <ProblemAlert error={withdraw.error} />
      <Space>
        <Button type="primary" danger htmlType="submit" loading={withdraw.isPending}>
          {t('case.withdrawConfirm')}
        </Button>
        <Button onClick={onDone}>{t('case.cancel')}</Button>
      </Space>
    </Form>
  );
}

function AppealForm({ view, onDone }: { view: CaseReading; onDone: () => void }) {
  const { t } = useI18n();
  const [materials, setMaterials] = useState<ChosenMaterial[]>([]);
  const appeal = useCaseWrite<{ statement: string }>(
    view,
    (key, { statement }) =>
      unwrap(
        api.POST('/api/v1/objections/{id}/appeal', {
          ...onCase(view, key),
          body: {
            statement: statement.trim(),
            materials: materials.length
              ? materials.map((m) => ({ fileId: m.fileId, category: m.category as 'evidence' }))
              : undefined,
          },
        }),
      ),
    onDone,
  );
  return (
    <Form
      layout="vertical"
      onFinish={(values: { statement: string }) => appeal.mutate(values)}
      style={{ maxWidth: 640 }}
    >
      <Form.Item
        label={t('case.appealStatement')}
        name="statement"
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('case.required', { field: t('case.appealStatement') }),
          },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 3 }} maxLength={4000} />
      </Form.Item>
      <MaterialsField
        label={t('case.appealMaterials')}
        categories={['evidence', 'other']}
        value={materials}
        onChange={setMaterials}
      />
      <ProblemAlert error={appeal.error} />
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" htmlType="submit" loading={appeal.isPending}>
          {t('case.appealSubmit')}
        </Button>
        <Button onClick={onDone}>{t('case.cancel')}</Button>
      </Space>
    </Form>
  );
}
