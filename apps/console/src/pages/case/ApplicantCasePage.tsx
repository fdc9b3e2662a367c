import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Input,
  List,
  Progress,
  Space,
  Spin,
  Steps,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { MaterialsField, type ChosenMaterial } from '../../components/MaterialsField';
import { ProblemAlert } from '../../components/ProblemAlert';
import { downloadDocument } from '../../files/transfer';
import { useI18n } from '../../i18n/language';
import { formatDateTime } from '../../time/beijing';
import { deadlineOf } from '../../time/deadline';
import { ApplicantActions } from './ApplicantActions';
import { progressStep, readCase, type CaseReading } from '../portal/case-reading';

const REPAIR = 'repairApplication';
const TONE_COLOUR = {
  normal: '#0958d9',
  soon: '#ad4e00',
  overdue: '#a8071a',
  paused: '#595959',
  stopped: '#595959',
};
const REPAIR_CATEGORIES = ['correction_proof', 'commitment_letter', 'other'] as const;
const OBJECTION_CATEGORIES = ['evidence', 'identity', 'power_of_attorney', 'other'] as const;

/** `/cases/:id` for the applicant: progress, deadlines, what the authority asked for, the trail, and documents. */
export function ApplicantCasePage() {
  const { id = '' } = useParams();
  const { t, pick } = useI18n();
  const kind = useQuery({
    queryKey: ['case-view', id],
    queryFn: async () => readCase(await unwrap(api.GET('/api/v1/cases/{id}', { params: { path: { id } } }))),
  });
  const isRepair = kind.data?.type === REPAIR;
  const full = useQuery({
    queryKey: ['applicant-case', id],
    enabled: kind.isSuccess,
    queryFn: async () =>
      readCase(
        isRepair
          ? await unwrap(api.GET('/api/v1/repair-applications/{id}', { params: { path: { id } } }))
          : await unwrap(api.GET('/api/v1/objections/{id}', { params: { path: { id } } })),
      ),
  });
  const view = full.data;
  if (kind.error || full.error) return <ProblemAlert error={kind.error ?? full.error} />;
  if (!view) return <Spin description={t('app.loading')} />;

  const step = progressStep(view.state, view.status);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Link to="/portal" style={{ textDecoration: 'underline' }}>
        ← {t('portal.title')}
      </Link>
      <div>
        <Typography.Title level={1} style={{ fontSize: 24, marginBottom: 4 }}>
          {t('case.title', { number: view.caseNumber ?? view.title })}
        </Typography.Title>
        <Space wrap>
          <Typography.Text>{t('case.state')}：</Typography.Text>
          <Tag color="#0958d9">{pick(view.stateLabel)}</Tag>
          {view.record && (
            <Typography.Text>
              {t('case.record')}：{view.record.decisionNumber}
            </Typography.Text>
          )}
        </Space>
      </div>
      <section aria-label={t('case.progress')}>
        <Steps
          current={step}
          status={view.status === 'done' ? 'finish' : 'process'}
          items={[
            t('case.step.submit'),
            t('case.step.accept'),
            t('case.step.review'),
            t('case.step.decide'),
          ].map((title) => ({ title }))}
        />
      </section>
      <Clocks view={view} />
      {view.supplement && view.actions.some((a) => a.action === 'supplement' && a.available) && (
        <SupplementForm view={view} isRepair={isRepair} />
      )}
      <ApplicantActions view={view} isRepair={isRepair} />
      <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('case.materials')}</h2>}>
        {view.materials.length === 0 ? (
          <Empty description={t('wizard.materials.none')} />
        ) : (
          <List
            dataSource={view.materials}
            renderItem={(m) => (
              <List.Item>
                {m.fileName}（{t(`category.${m.category}` as 'category.other')}）
              </List.Item>
            )}
          />
        )}
      </Card>
      <Downloads view={view} isRepair={isRepair} />
      <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('case.trail')}</h2>}>
        <Timeline
          items={view.trail.map((s) => ({
            key: s.eventId,
            content: (
              <div>
                <Typography.Text strong>
                  {t('case.trailStep', {
                    who: s.actor.displayName ?? pick(s.actor.roleLabel),
                    what: pick(s.actionLabel),
                  })}
                </Typography.Text>
                <div>
                  <Typography.Text type="secondary">{formatDateTime(s.recordedAt)}</Typography.Text>
                  {s.stateAfter && (
                    <Typography.Text type="secondary">
                      {' → '}
                      {pick(s.stateAfter.label)}
                    </Typography.Text>
                  )}
                </div>
                {[...s.reasons, ...(s.opinion ? [s.opinion] : [])].map((r, i) => (
                  <div key={i}>{r}</div>
                ))}
                {s.legalBasis && <div>{s.legalBasis}</div>}
              </div>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}

function Clocks({ view }: { view: CaseReading }) {
  const { t, pick } = useI18n();
  return (
    <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('case.clocks')}</h2>}>
      {view.clocks.length === 0 ? (
        <Typography.Text>{t('case.noClocks')}</Typography.Text>
      ) : (
        <Descriptions
          column={1}
          items={view.clocks.map((clock) => {
            const deadline = deadlineOf(clock, t);
            return {
              key: clock.name,
              label: pick(clock.label),
              children: (
                <span style={{ color: TONE_COLOUR[deadline.tone], fontWeight: 600 }}>{deadline.text}</span>
              ),
            };
          })}
        />
      )}
    </Card>
  );
}

function SupplementForm({ view, isRepair }: { view: CaseReading; isRepair: boolean }) {
  const { t } = useI18n();
  const queries = useQueryClient();
  const [materials, setMaterials] = useState<ChosenMaterial[]>([]);
  const [note, setNote] = useState('');
  const [needsFile, setNeedsFile] = useState(false);
  const asked = view.supplement!;
  const answer = useMutation({
    mutationFn: () => {
      const init = {
        params: { path: { id: view.id }, header: { 'If-Match': String(view.version) } },
        headers: { 'Idempotency-Key': crypto.randomUUID() },
      };
      const reasons = note.trim() ? [note.trim()] : undefined;
      return unwrap(
        isRepair
          ? api.POST('/api/v1/repair-applications/{id}/supplement', {
              ...init,
              body: {
                materials: materials.map((m) => ({ fileId: m.fileId, category: m.category as 'other' })),
                reasons,
              },
            })
          : api.POST('/api/v1/objections/{id}/supplement', {
              ...init,
              body: {
                materials: materials.map((m) => ({ fileId: m.fileId, category: m.category as 'other' })),
                statement: reasons?.[0],
              },
            }),
      );
    },
    onSuccess: () => queries.invalidateQueries({ queryKey: ['applicant-case', view.id] }),
  });
  return (
    <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('case.asked')}</h2>}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {asked.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
        {asked.reasons.length > 0 && (
          <Typography.Paragraph>
            {t('case.askedReason')}：{asked.reasons.join('；')}
          </Typography.Paragraph>
        )}
        <MaterialsField
          label={t('case.answer')}
          categories={isRepair ? REPAIR_CATEGORIES : OBJECTION_CATEGORIES}
          value={materials}
          onChange={(next) => {
            setMaterials(next);
            setNeedsFile(false);
          }}
        />
        <label htmlFor="supplement-note">{t('case.answerNote')}</label>
        <Input.TextArea
          id="supplement-note"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          autoSize={{ minRows: 2 }}
        />
        {needsFile && <Alert type="error" role="alert" title={t('case.answerNeedsFile')} />}
        <ProblemAlert error={answer.error} />
        <Button
          type="primary"
          loading={answer.isPending}
          onClick={() => (materials.length ? answer.mutate() : setNeedsFile(true))}
        >
          {t('case.answer')}
        </Button>
      </Space>
    </Card>
  );
}

function Downloads({ view, isRepair }: { view: CaseReading; isRepair: boolean }) {
  const { t } = useI18n();
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const decided = view.status === 'done' || progressStep(view.state, view.status) === 3;
  const name = isRepair ? t('case.decision') : t('case.notice');
  const path = isRepair
    ? `/api/v1/repair-applications/${view.id}/decision.pdf`
    : `/api/v1/objections/${view.id}/notice.pdf`;
  return (
    <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('case.downloads')}</h2>}>
      {!decided ? (
        <Typography.Text>{t('case.noDocuments')}</Typography.Text>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Button
            type="primary"
            loading={percent !== null && percent < 100}
            onClick={() => {
              setError(null);
              setPercent(0);
              downloadDocument(path, setPercent).catch((e: unknown) => {
                setError(e);
                setPercent(null);
              });
            }}
          >
            {t('case.download', { name })}
          </Button>
          {percent !== null && <Progress percent={percent} aria-label={t('case.downloading', { percent })} />}
          <ProblemAlert error={error} />
        </Space>
      )}
    </Card>
  );
}
