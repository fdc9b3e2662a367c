import { Card, Col, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n/language';
import { formatRate } from './chart-data';
import type { BacklogAnswer, CasesAnswer, OnTimeAnswer, PublicationAnswer } from './dashboard-figures';
import { searchOf, type DashboardFilters, type ListedFigure } from './dashboard-query';

/**
 * The figures a supervisor asks first, as cards: cases opened, decided and pending (each leading to the cases behind
 * it), the backlog, 双公示 and the on-time rate of each statutory stage (leading to the late ones).
 */
export function HeadlineFigures({
  filters,
  cases,
  onTime,
  publication,
  backlog,
}: {
  filters: DashboardFilters;
  cases?: CasesAnswer;
  onTime?: OnTimeAnswer;
  publication?: PublicationAnswer;
  backlog?: BacklogAnswer;
}) {
  const { t, pick } = useI18n();
  const listOf = (figure: ListedFigure, stage?: string) =>
    `/dashboard/cases?${searchOf({ ...filters, figure, stage })}`;
  const count = (figure: 'opened' | 'decided' | 'pending') => (
    <FigureCard
      key={figure}
      figure={figure}
      label={t(`dashboard.figure.${figure}`)}
      value={cases ? <Link to={listOf(figure)}>{cases.total[figure]}</Link> : undefined}
      detail={t('dashboard.figure.casesLink')}
    />
  );
  const stages = onTime?.total.stages ?? [];
  const p = publication?.total;
  return (
    <section aria-label={t('dashboard.headline')} style={{ marginBottom: 16 }}>
      <Row gutter={[16, 16]}>
        {count('opened')}
        {count('decided')}
        {count('pending')}
        <FigureCard
          figure="backlog"
          label={t('dashboard.figure.backlog')}
          value={backlog?.total.pending}
          detail={backlog && t('dashboard.figure.asOf', { date: backlog.asOf })}
        />
        <FigureCard
          figure="publication"
          label={t('dashboard.figure.publication')}
          value={p ? formatRate(p.rate) : undefined}
          detail={p && t('dashboard.figure.ofPublished', { onTime: p.onTime, published: p.published })}
        />
        {stages.map((s) => (
          <FigureCard
            key={s.stage}
            figure={`on-time:${s.stage}`}
            label={t('dashboard.figure.onTime', { stage: pick(s.label) })}
            value={formatRate(s.rate)}
            detail={
              <>
                {t('dashboard.figure.ofDecided', { onTime: s.onTime, decided: s.decided })}
                {s.late > 0 && (
                  <>
                    {' · '}
                    <Link to={listOf('late', s.stage)} style={{ textDecoration: 'underline' }}>
                      {t('dashboard.figure.late', { late: s.late })}
                    </Link>
                  </>
                )}
              </>
            }
          />
        ))}
      </Row>
    </section>
  );
}

/** One headline figure: its name, its value (large), a line of detail. `data-figure` names it for tests. */
function FigureCard({
  figure,
  label,
  value,
  detail,
}: {
  figure: string;
  label: string;
  value: ReactNode;
  detail?: ReactNode;
}) {
  return (
    // As many to a row as fit at 200 px or more, stretched to fill it (nine cards: five and four on a desktop).
    <Col flex="1 1 200px">
      <Card size="small" loading={value === undefined} data-figure={figure} style={{ height: '100%' }}>
        <div style={{ color: 'rgba(0, 0, 0, 0.72)' }}>{label}</div>
        <Typography.Text strong data-value style={{ display: 'block', fontSize: 28, lineHeight: 1.3 }}>
          {value}
        </Typography.Text>
        {detail && <div style={{ color: 'rgba(0, 0, 0, 0.72)', fontSize: 13 }}>{detail}</div>}
      </Card>
    </Col>
  );
}
