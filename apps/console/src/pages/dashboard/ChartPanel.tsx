import { Card, Col, Row, Table, Typography } from 'antd';
import { useId, useMemo, type ReactNode } from 'react';
import { useI18n } from '../../i18n/language';
import { EmptyText } from '../audit/EmptyText';
import { barOption, summaryOf, tableRowsOf, type ChartData } from './chart-data';
import { EChart } from './EChart';

/**
 * A figure as a chart with its table beside it (below it on a narrow screen): the same ChartData feeds both. A page
 * may pass its own table (with links to the cases behind a number) instead of the plain one.
 */
export function ChartPanel({
  title,
  data,
  horizontal,
  table,
  note,
}: {
  title: string;
  data: ChartData | undefined;
  horizontal?: boolean;
  table?: ReactNode;
  note?: ReactNode;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const option = useMemo(() => data && barOption(data, { horizontal }), [data, horizontal]);
  const empty = !data || data.categories.length === 0;
  return (
    <Card
      role="region"
      aria-labelledby={headingId}
      loading={!data}
      title={
        <Typography.Title level={2} id={headingId} style={{ fontSize: 16, margin: 0 }}>
          {title}
        </Typography.Title>
      }
      styles={{ body: { paddingBottom: 12 } }}
    >
      {note && <Typography.Paragraph type="secondary">{note}</Typography.Paragraph>}
      {data && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={13}>
            {empty ? (
              <EmptyText>{t('dashboard.none')}</EmptyText>
            ) : (
              <EChart option={option!} label={summaryOf(title, data, t('dashboard.none'))} />
            )}
          </Col>
          <Col xs={24} lg={11}>
            {table ?? <FigureTable caption={title} data={data} />}
          </Col>
        </Row>
      )}
    </Card>
  );
}

/** The plain table of a chart: a row per category, a column per series. */
export function FigureTable({
  caption,
  data,
  showCaption,
}: {
  caption: string;
  data: ChartData;
  /** Writes the caption above the table: when a panel holds several tables, each says what it counts. */
  showCaption?: boolean;
}) {
  const { t } = useI18n();
  const rows = tableRowsOf(data);
  return (
    <Table
      size="small"
      pagination={false}
      aria-label={caption}
      title={showCaption ? () => <Typography.Text strong>{caption}</Typography.Text> : undefined}
      rowKey="key"
      dataSource={rows}
      locale={{ emptyText: <EmptyText>{t('dashboard.none')}</EmptyText> }}
      columns={[
        { title: t('dashboard.table.item'), key: 'category', dataIndex: 'category' },
        ...data.series.map((s, i) => ({
          title: s.name,
          key: `s${i}`,
          align: 'right' as const,
          render: (_: unknown, r: (typeof rows)[number]) => r.values[i],
        })),
      ]}
    />
  );
}
