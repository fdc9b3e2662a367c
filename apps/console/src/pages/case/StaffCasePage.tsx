import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Card,
  Col,
  Descriptions,
  Empty,
  List,
  Row,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TAG_COLOURS } from '../../components/tag-colours';
import { useI18n } from '../../i18n/language';
import { isWorkbenchKey } from '../../i18n/messages-workbench';
import { formatDate, formatDateTime } from '../../time/beijing';
import { deadlineOf } from '../../time/deadline';
import { ActionPanel } from './ActionPanel';
import { CaseComments } from './CaseComments';
import { actorNameIn, isRecusalCode, listOf, recordOf, textOf, textsOf, type Data } from './case-data';
import { fourEyesStatement } from './four-eyes';
import { MaterialPreview } from './MaterialPreview';
import { StateDiagramView } from './StateDiagramView';
import { WorkbenchOperations } from './WorkbenchOperations';

type CaseView = components['schemas']['CaseViewDto'];

const TITLE = { fontSize: 24, marginTop: 0 };

/**
 * `/cases/:id` for officers and senior reviewers: everything a decision rests on (the record, the applicant's
 * materials, the clocks, what happened so far), where the case stands in its process, four-eyes and 回避, and a form
 * per action. The API decides what the caller may read (404 for another authority's case) and do.
 */
export function StaffCasePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const path = { params: { path: { id } } };
  const view = useQuery({
    queryKey: ['case', id, 'view'],
    queryFn: () => unwrap(api.GET('/api/v1/cases/{id}', path)),
  });
  if (view.error) return <ProblemAlert error={view.error} />;
  if (!view.data) return <Spin description={t('app.loading')} />;
  return <StaffCase view={view.data} />;
}

function StaffCase({ view }: { view: CaseView }) {
  const { t, pick } = useI18n();
  const data: Data = view.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Link to="/workbench">{t('staffCase.back')}</Link>
        <Typography.Title level={1} style={{ ...TITLE, marginTop: 8 }}>
          {t('staffCase.title', { title: view.title })}
        </Typography.Title>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('staffCase.type')}>{pick(view.typeLabel)}</Descriptions.Item>
          <Descriptions.Item label={t('staffCase.state')}>
            <Tag color={TAG_COLOURS.blue}>{pick(view.stateLabel)}</Tag>
          </Descriptions.Item>
          {textOf(data.caseNumber) && (
            <Descriptions.Item label={t('staffCase.caseNumber')}>{textOf(data.caseNumber)}</Descriptions.Item>
          )}
          <Descriptions.Item label={t('staffCase.subject')}>
            {view.subjectName}（{view.subjectCode}）
          </Descriptions.Item>
          <Descriptions.Item label={t('staffCase.authority')}>{view.authorityCode}</Descriptions.Item>
          <Descriptions.Item label={t('staffCase.workItem')}>
            {pick(view.workItem?.label) || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('staffCase.updatedAt')}>
            {formatDateTime(view.updatedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('staffCase.version')}>{view.version}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Section title={t('workOps.title')} id="work">
              <WorkbenchOperations view={view} />
            </Section>
            <Section title={t('staffCase.actions')} id="actions">
              <ActionPanel view={view} />
            </Section>
            <RecordSection data={data} />
            <MaterialsSection data={data} />
            <TrailSection view={view} />
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <SafeguardsSection view={view} data={data} />
            <Section title={t('comments.title')} id="comments">
              <CaseComments caseId={view.id} version={view.version} />
            </Section>
            <ClocksSection view={view} />
            <DiagramSection id={view.id} />
          </Space>
        </Col>
      </Row>
    </Space>
  );
}

function Section({ title, id, children }: { title: string; id: string; children: React.ReactNode }) {
  return (
    <Card>
      <section aria-labelledby={`section-${id}`}>
        <Typography.Title level={2} id={`section-${id}`} style={{ fontSize: 18, marginTop: 0 }}>
          {title}
        </Typography.Title>
        {children}
      </section>
    </Card>
  );
}

function RecordSection({ data }: { data: Data }) {
  const { t } = useI18n();
  const record = recordOf(data.record);
  // 轻微 / 一般 / 严重失信 (国办发〔2025〕22号): a value the console does not know is shown as the API sent it.
  const severity = (value: string) => {
    const key = `staffCase.record.severity.${value}`;
    return isWorkbenchKey(key) ? t(key) : value;
  };
  return (
    <Section title={t('staffCase.record')} id="record">
      {!record ? (
        <Typography.Paragraph>{t('staffCase.record.none')}</Typography.Paragraph>
      ) : (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('staffCase.record.decisionNumber')}>
            {textOf(record.decisionNumber)}
          </Descriptions.Item>
          <Descriptions.Item label={t('staffCase.record.decisionDate')}>
            {formatDate(textOf(record.decisionDate))}
          </Descriptions.Item>
          <Descriptions.Item label={t('staffCase.authority')}>
            {textOf(record.authorityName)}
          </Descriptions.Item>
          <Descriptions.Item label={t('staffCase.record.severity')}>
            {severity(textOf(record.severity))}
          </Descriptions.Item>
        </Descriptions>
      )}
      <SupplementRequest data={data} />
    </Section>
  );
}

function SupplementRequest({ data }: { data: Data }) {
  const { t } = useI18n();
  const request = recordOf(data.supplementRequest);
  if (!request) return null;
  return (
    <Alert
      type="info"
      showIcon
      title={t('staffCase.supplementRequest')}
      description={
        <>
          <div>{t('staffCase.supplementRequest.items')}：</div>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {textsOf(request.items).map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
          {textsOf(request.reasons).length > 0 && (
            <div>{t('staffCase.trail.reasons', { reasons: textsOf(request.reasons).join('；') })}</div>
          )}
        </>
      }
    />
  );
}

function MaterialsSection({ data }: { data: Data }) {
  const { t } = useI18n();
  const materials = listOf(data.materials);
  const category = (value: string) => {
    const key = `staffCase.materials.category.${value}`;
    return isWorkbenchKey(key) ? t(key) : value;
  };
  return (
    <Section title={t('staffCase.materials')} id="materials">
      {materials.length === 0 ? (
        <Empty description={t('staffCase.materials.none')} />
      ) : (
        <List
          dataSource={materials}
          renderItem={(m) => (
            <List.Item key={textOf(m.id)}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Space wrap>
                  <Typography.Text strong>{textOf(m.fileName)}</Typography.Text>
                  <Tag color={TAG_COLOURS.grey}>{category(textOf(m.category))}</Tag>
                  <Typography.Text type="secondary">
                    {Math.ceil(Number(m.size ?? 0) / 1024)} KB
                  </Typography.Text>
                </Space>
                <MaterialPreview
                  material={{
                    id: textOf(m.id),
                    fileName: textOf(m.fileName),
                    mediaType: textOf(m.mediaType),
                  }}
                />
              </Space>
            </List.Item>
          )}
        />
      )}
    </Section>
  );
}

/** 四眼 and 回避 on the page: who recommended, that the decider must be another, and whether the caller abstains. */
function SafeguardsSection({ view, data }: { view: CaseView; data: Data }) {
  const { t, pick } = useI18n();
  const recommendation = recordOf(data.recommendation);
  const recusal = view.actions.find((a) => isRecusalCode(a.refusal?.code));
  const roleLabel = useRoleLabel();
  const history = useHistory(view);
  const recommender = recommendation
    ? (actorNameIn(history.data?.steps ?? [], textOf(recommendation.by)) ?? '—')
    : '';
  const statement = fourEyesStatement(data, view.actions);
  return (
    <Section title={t('staffCase.fourEyes')} id="safeguards">
      {statement && (
        <Typography.Paragraph strong={statement.kind !== 'alone'} data-four-eyes={statement.kind}>
          {statement.kind === 'secondDecides'
            ? t('staffCase.fourEyes.secondDecides', {
                who: recommender,
                role: roleLabel(textOf(recommendation?.role)),
              })
            : t(statement.kind === 'required' ? 'staffCase.fourEyes.required' : 'staffCase.fourEyes.alone')}
          {statement.kind === 'secondDecides' && statement.you && (
            <>
              <br />
              {t('staffCase.fourEyes.youRecommended')}
            </>
          )}
        </Typography.Paragraph>
      )}
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t('staffCase.recommendation')}
      </Typography.Title>
      {recommendation ? (
        <Typography.Paragraph>
          <Tag color={recommendation.outcome === 'approve' ? TAG_COLOURS.green : TAG_COLOURS.red}>
            {recommendation.outcome === 'approve'
              ? t('staffCase.recommendation.approve')
              : t('staffCase.recommendation.reject')}
          </Tag>
          {textOf(recommendation.opinion)}
          <br />
          <Typography.Text type="secondary">
            {t('staffCase.recommendation.by', {
              who: recommender,
              role: roleLabel(textOf(recommendation.role)),
              time: formatDateTime(textOf(recommendation.at)),
            })}
          </Typography.Text>
        </Typography.Paragraph>
      ) : (
        <Typography.Paragraph type="secondary">{t('staffCase.recommendation.none')}</Typography.Paragraph>
      )}
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t('staffCase.recusal')}
      </Typography.Title>
      {recusal ? (
        <Alert
          type="warning"
          showIcon
          title={t('staffCase.recusal.applies', { reason: pick(recusal.refusal?.message) })}
        />
      ) : (
        <Typography.Paragraph>{t('staffCase.recusal.rule')}</Typography.Paragraph>
      )}
    </Section>
  );
}

/** A staff role in words; an unknown role as the API named it. */
function useRoleLabel() {
  const { t } = useI18n();
  return (role: string) => (role === 'officer' || role === 'senior_reviewer' ? t(`role.${role}`) : role);
}

function ClocksSection({ view }: { view: CaseView }) {
  const { t, pick } = useI18n();
  const colour = { overdue: TAG_COLOURS.red, soon: TAG_COLOURS.orange } as Record<string, string>;
  return (
    <Section title={t('staffCase.clocks')} id="clocks">
      {view.clocks.length === 0 ? (
        <Typography.Paragraph>{t('staffCase.clocks.none')}</Typography.Paragraph>
      ) : (
        <List
          dataSource={view.clocks}
          renderItem={(clock) => {
            const deadline = deadlineOf(clock, t);
            return (
              <List.Item key={clock.name}>
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>{pick(clock.label)}</Typography.Text>
                  {colour[deadline.tone] ? (
                    <Tag color={colour[deadline.tone]}>{deadline.text}</Tag>
                  ) : (
                    <Typography.Text>{deadline.text}</Typography.Text>
                  )}
                  <Typography.Text type="secondary">{pick(clock.legalBasis)}</Typography.Text>
                </Space>
              </List.Item>
            );
          }}
        />
      )}
    </Section>
  );
}

function DiagramSection({ id }: { id: string }) {
  const { t } = useI18n();
  const diagram = useQuery({
    queryKey: ['case', id, 'diagram'],
    queryFn: () => unwrap(api.GET('/api/v1/cases/{id}/diagram', { params: { path: { id } } })),
  });
  return (
    <Section title={t('staffCase.diagram')} id="diagram">
      <ProblemAlert error={diagram.error} />
      {diagram.data ? <StateDiagramView answer={diagram.data} /> : !diagram.error && <Spin />}
    </Section>
  );
}

/**
 * The case's history (GET /cases/:id/history): its events as recorded and the same in plain words, for every case
 * type. Read once per version the page shows; the trail and the four-eyes section share it.
 */
function useHistory(view: CaseView) {
  return useQuery({
    queryKey: ['case', view.id, 'history', view.version],
    queryFn: () => unwrap(api.GET('/api/v1/cases/{id}/history', { params: { path: { id: view.id } } })),
  });
}

/** What happened so far, in plain words: who (by name, as what), did what, why, under what, and the result. */
function TrailSection({ view }: { view: CaseView }) {
  const { t, pick } = useI18n();
  const history = useHistory(view);
  const steps = history.data?.steps ?? [];
  return (
    <Section title={t('staffCase.trail')} id="trail">
      <ProblemAlert error={history.error} />
      {history.isLoading && <Spin />}
      {!history.isLoading && !history.error && steps.length === 0 && (
        <Typography.Paragraph>{t('staffCase.trail.none')}</Typography.Paragraph>
      )}
      <Timeline
        items={steps.map((step) => ({
          key: step.streamVersion,
          content: (
            <div>
              <Typography.Text strong>
                {step.actor.displayName
                  ? t('staffCase.trail.step', {
                      who: step.actor.displayName,
                      role: pick(step.actor.roleLabel),
                      action: pick(step.actionLabel),
                    })
                  : t('staffCase.trail.stepByRole', {
                      role: pick(step.actor.roleLabel),
                      action: pick(step.actionLabel),
                    })}
              </Typography.Text>
              <div>
                <Typography.Text type="secondary">{formatDateTime(step.recordedAt)}</Typography.Text>
              </div>
              {step.stateChanged && step.stateAfter && (
                <div>{t('staffCase.trail.after', { state: pick(step.stateAfter.label) })}</div>
              )}
              {step.opinion && <div>{t('staffCase.trail.opinion', { opinion: step.opinion })}</div>}
              {step.reasons.length > 0 && (
                <div>{t('staffCase.trail.reasons', { reasons: step.reasons.join('；') })}</div>
              )}
              {step.legalBasis && <div>{t('staffCase.trail.legalBasis', { basis: step.legalBasis })}</div>}
            </div>
          ),
        }))}
      />
    </Section>
  );
}
