import { Descriptions, Form, Input, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useAuth } from '../../auth/auth';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TAG_COLOURS } from '../../components/tag-colours';
import { useI18n } from '../../i18n/language';
import { formatDate } from '../../time/beijing';
import {
  usePersonName,
  useRoleName,
  useWorkOperation,
  useWorkState,
  type WorkState,
} from '../workbench/work-operations';
import { OperationButton, OperationStatus } from './operation-controls';
import { SigningForms } from './CoSigningForms';
import { CopyForm, HandOverForm, ResolveForm, ReturnForm } from './WorkOperationForms';

type CaseView = components['schemas']['CaseViewDto'];

/**
 * The reviewer workbench on the staff case page (ADR 0027): who holds the current step, and the operations on it —
 * claim or take over, release, withdraw, urge, transfer or delegate, return, co-sign, copy. Whether each is possible
 * is the API's judgement; a refusal disables the operation with the API's words.
 */
export function WorkbenchOperations({ view }: { view: CaseView }) {
  const { t } = useI18n();
  const work = useWorkState(view.id);
  if (work.error) return <ProblemAlert error={work.error} />;
  if (!work.data) return <Spin description={t('app.loading')} />;
  return <Operations view={view} work={work.data} />;
}

function Operations({ view, work }: { view: CaseView; work: WorkState }) {
  const { t } = useI18n();
  const { session } = useAuth();
  const me = session?.user.id;
  const args = { caseId: view.id, version: work.version };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-work-operations>
      <HolderSummary view={view} work={work} />
      {view.workItem && (
        <>
          <QuickOperations {...args} work={work} />
          {work.delegateId === me && <ResolveForm {...args} />}
          <Tabs
            size="small"
            items={[
              {
                key: 'transfer',
                label: t('workOps.tab.transfer'),
                children: <HandOverForm {...args} holder={work.holderId} />,
              },
              {
                key: 'return',
                label: t('workOps.tab.return'),
                children: <ReturnForm {...args} targets={work.returnTargets} />,
              },
              { key: 'sign', label: t('workOps.tab.sign'), children: <SigningForms {...args} work={work} /> },
              {
                key: 'copy',
                label: t('workOps.tab.copy'),
                children: <CopyForm {...args} copied={work.copiedTo} />,
              },
            ]}
          />
        </>
      )}
    </Space>
  );
}

function HolderSummary({ view, work }: { view: CaseView; work: WorkState }) {
  const { t, pick } = useI18n();
  const name = usePersonName();
  const roleName = useRoleName();
  const roles = (view.workItem?.roles ?? []).map(roleName).join(t('staffCase.diagram.separator'));
  return (
    <Descriptions size="small" column={1} data-holder>
      <Descriptions.Item label={t('workOps.step')}>{pick(view.workItem?.label) || '—'}</Descriptions.Item>
      <Descriptions.Item label={t('workOps.holder')}>
        {!view.workItem
          ? t('workOps.holder.noStep')
          : work.holderId
            ? name(work.holderId)
            : t('workOps.holder.pool', { roles })}
      </Descriptions.Item>
      {work.delegateId && (
        <Descriptions.Item label={t('workOps.delegate')}>{name(work.delegateId)}</Descriptions.Item>
      )}
      {work.signers.length > 0 && (
        <Descriptions.Item label={t('workOps.signers')}>
          <Space wrap>
            {work.signers.map((s) => (
              <Tag key={s.accountId} color={s.signed ? TAG_COLOURS.green : TAG_COLOURS.grey}>
                {name(s.accountId)} ·{' '}
                {t(s.mode === 'before' ? 'workOps.signer.before' : 'workOps.signer.after')}
                {' · '}
                {!s.signed
                  ? t('workOps.signer.pending')
                  : t(s.agree ? 'workOps.signer.agreed' : 'workOps.signer.disagreed')}
              </Tag>
            ))}
          </Space>
        </Descriptions.Item>
      )}
      {work.copiedTo.length > 0 && (
        <Descriptions.Item label={t('workOps.copiedTo')}>
          {work.copiedTo.map((id) => name(id)).join('、')}
        </Descriptions.Item>
      )}
      {work.lastUrgedOn && (
        <Descriptions.Item label={t('workOps.lastUrged')}>{formatDate(work.lastUrgedOn)}</Descriptions.Item>
      )}
    </Descriptions>
  );
}

/**
 * The one-click operations. Whether the caller may claim is the API's (the work answer's `claim`, judged by the
 * claim's own check): a claim they may not make is disabled with its words before anyone clicks; taking over a
 * colleague's step asks for the reason the API requires, and stays disabled with the API's words until one is given.
 */
function QuickOperations({ caseId, version, work }: { caseId: string; version: number; work: WorkState }) {
  const { t } = useI18n();
  const { session } = useAuth();
  const path = { params: { path: { id: caseId } } };
  const [reason, setReason] = useState('');
  const heldByOther = work.holderId !== null && work.holderId !== session?.user.id;
  const takeOver = heldByOther && work.claim.reasonRequired;
  const claimRefusal = work.claim.allowed || (takeOver && reason.trim()) ? null : work.claim.refusal;
  const claim = useWorkOperation(caseId, version, (r: string | undefined) =>
    unwrap(api.POST('/api/v1/cases/{id}/claim', { ...path, body: r ? { reason: r } : {} })),
  );
  const release = useWorkOperation(caseId, version, () =>
    unwrap(api.POST('/api/v1/cases/{id}/release', { ...path, body: {} })),
  );
  const recall = useWorkOperation(caseId, version, () =>
    unwrap(api.POST('/api/v1/cases/{id}/recall', { ...path, body: {} })),
  );
  const urge = useWorkOperation(caseId, version, () =>
    unwrap(api.POST('/api/v1/cases/{id}/urge', { ...path, body: {} })),
  );
  const claimLabel = heldByOther ? t('workOps.takeOver') : t('workOps.claim');
  return (
    <section aria-label={t('workOps.title')}>
      <Space wrap align="start">
        {takeOver && (
          // Taking over needs a reason (ADR 0027): a new reason is a new attempt, so it lifts the last refusal.
          <Form.Item label={t('workOps.takeOver.reason')} htmlFor="take-over-reason" style={{ margin: 0 }}>
            <Input
              id="take-over-reason"
              maxLength={500}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                claim.clearRefusal();
              }}
            />
          </Form.Item>
        )}
        {work.holderId !== session?.user.id && (
          <OperationButton
            op={claim}
            primary={!work.holderId}
            label={claimLabel}
            refusal={claimRefusal}
            onClick={() => claim.mutate(takeOver ? reason : undefined)}
          />
        )}
        {!heldByOther && work.holderId && (
          <OperationButton op={release} label={t('workOps.release')} onClick={() => release.mutate()} />
        )}
        {work.recallable && (
          <OperationButton op={recall} label={t('workOps.recall')} onClick={() => recall.mutate()} />
        )}
        <OperationButton op={urge} label={t('workOps.urge')} onClick={() => urge.mutate()} />
      </Space>
      <OperationStatus op={claim} label={claimLabel} />
      <OperationStatus op={release} label={t('workOps.release')} />
      <OperationStatus op={recall} label={t('workOps.recall')} />
      <OperationStatus op={urge} label={t('workOps.urge')} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('workOps.urge.intro')}
      </Typography.Paragraph>
    </section>
  );
}
