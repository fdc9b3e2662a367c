import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Col, Descriptions, Row, Spin, Tag, Typography } from 'antd';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TAG_COLOURS } from '../../components/tag-colours';
import { useI18n } from '../../i18n/language';
import { formatDate } from '../../time/beijing';
import { StateDiagramView } from '../case/StateDiagramView';
import { beijingWallClock, recordIdOf } from './time-travel';

type CaseAsOf = components['schemas']['AuditCaseAsOfDto'];
type RecordAsOf = components['schemas']['AuditCreditRecordAsOfDto'];

/**
 * The case at one instant, as its events up to then had it (GET /audit/cases/{id}/as-of): its state, clocks and the
 * diagram with the state of then marked; beside it the credit record it concerns as of the same instant.
 */
export function AsOfPanel({ caseId, at }: { caseId: string; at: string }) {
  const { t } = useI18n();
  const asOf = useQuery({
    queryKey: ['audit', 'as-of', caseId, at],
    queryFn: () =>
      unwrap(api.GET('/api/v1/audit/cases/{id}/as-of', { params: { path: { id: caseId }, query: { at } } })),
    placeholderData: keepPreviousData,
  });
  const diagram = useQuery({
    queryKey: ['case', caseId, 'diagram'],
    queryFn: () => unwrap(api.GET('/api/v1/cases/{id}/diagram', { params: { path: { id: caseId } } })),
  });
  const recordId = asOf.data ? recordIdOf(asOf.data) : null;
  const record = useQuery({
    queryKey: ['audit', 'record-as-of', recordId, at],
    enabled: recordId !== null,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/audit/credit-records/{id}/as-of', {
          params: { path: { id: recordId! }, query: { at } },
        }),
      ),
    placeholderData: keepPreviousData,
  });

  if (asOf.error) return <ProblemAlert error={asOf.error} />;
  if (!asOf.data) return <Spin description={t('app.loading')} />;
  return (
    <div aria-busy={asOf.isFetching || record.isFetching} data-as-of={asOf.data.asOf}>
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={12}>
          <CaseThen view={asOf.data} />
        </Col>
        <Col xs={24} lg={12}>
          <section aria-labelledby="record-then">
            <Typography.Title level={3} id="record-then" style={{ fontSize: 16 }}>
              {t('audit.asOf.record')}
            </Typography.Title>
            <ProblemAlert error={record.error} />
            {recordId === null ? (
              <Typography.Paragraph type="secondary">{t('audit.asOf.noRecord')}</Typography.Paragraph>
            ) : (
              record.data && <RecordThen record={record.data} />
            )}
          </section>
        </Col>
      </Row>
      <section aria-labelledby="diagram-then" style={{ marginTop: 16 }}>
        <Typography.Title level={3} id="diagram-then" style={{ fontSize: 16 }}>
          {t('audit.asOf.diagram')}
        </Typography.Title>
        <ProblemAlert error={diagram.error} />
        {diagram.data && (
          <StateDiagramView
            answer={diagram.data}
            statesAt={asOf.data.state}
            intro={t('audit.asOf.diagramIntro', { time: beijingWallClock(asOf.data.asOf) })}
          />
        )}
      </section>
    </div>
  );
}

function CaseThen({ view }: { view: CaseAsOf }) {
  const { t, pick } = useI18n();
  return (
    <section aria-labelledby="case-then">
      <Typography.Title level={3} id="case-then" style={{ fontSize: 16 }}>
        {t('audit.asOf.case')}
      </Typography.Title>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('audit.asOf.state')}>
          <span data-state-then>{pick(view.stateLabel)}</span>
          {view.status === 'done' && (
            <Tag color={TAG_COLOURS.grey} style={{ marginInlineStart: 8 }}>
              {t('audit.asOf.closed')}
            </Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('audit.asOf.workItem')}>
          {view.workItem ? pick(view.workItem.label) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('audit.asOf.version')}>
          {t('audit.asOf.versionValue', {
            version: view.version,
            time: beijingWallClock(view.lastEvent.recordedAt),
          })}
        </Descriptions.Item>
        <Descriptions.Item label={t('audit.asOf.clocks')}>
          {view.clocks.length === 0
            ? '—'
            : view.clocks.map((c) => (
                <div key={c.name}>
                  {pick(c.label)}：{t(`audit.clock.${c.status}`)}
                  {c.dueDate && c.status !== 'stopped' ? t('audit.asOf.due', { date: c.dueDate }) : ''}
                  {c.outcome ? `（${t(`audit.clock.outcome.${c.outcome}`)}）` : ''}
                </div>
              ))}
        </Descriptions.Item>
      </Descriptions>
    </section>
  );
}

function RecordThen({ record }: { record: RecordAsOf }) {
  const { t, pick } = useI18n();
  return (
    <Descriptions column={1} size="small" bordered>
      <Descriptions.Item label={t('audit.record.decisionNumber')}>
        {record.record.decisionNumber}
      </Descriptions.Item>
      <Descriptions.Item label={t('audit.record.status')}>
        <span data-record-then>{pick(record.publicStatusLabel)}</span>
        {record.objectionMarked && (
          <Tag color={TAG_COLOURS.orange} style={{ marginInlineStart: 8 }}>
            {t('audit.record.objectionMarked')}
          </Tag>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('audit.record.state')}>{pick(record.stateLabel)}</Descriptions.Item>
      <Descriptions.Item label={t('audit.record.ruleSet')}>{record.ruleSet}</Descriptions.Item>
      <Descriptions.Item label={t('audit.record.repairableFrom')}>
        {formatDate(record.repairableFrom)}
      </Descriptions.Item>
      <Descriptions.Item label={t('audit.record.publicityEnds')}>
        {formatDate(record.publicityEndsAfter)}
      </Descriptions.Item>
    </Descriptions>
  );
}
