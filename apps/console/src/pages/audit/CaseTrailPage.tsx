import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Descriptions, Slider, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TAG_COLOURS } from '../../components/tag-colours';
import { useI18n } from '../../i18n/language';
import { AsOfPanel } from './AsOfPanel';
import {
  beijingWallClock,
  instantIndexAt,
  instantLabel,
  instantOf,
  instantOfBeijing,
  trailInstants,
} from './time-travel';
import { TrailTimeline } from './TrailTimeline';

type Trail = components['schemas']['AuditTrailDto'];

const TITLE = { fontSize: 24, marginTop: 0 };
const WALL_CLOCK = 'YYYY-MM-DD HH:mm:ss';

/**
 * `/audit/cases/:id?at=…`: the case's decision trail and time travel over it. The instant shown is in the address
 * (shareable); without one the page shows the case after its last event.
 */
export function CaseTrailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const trail = useQuery({
    queryKey: ['audit', 'trail', id],
    queryFn: () => unwrap(api.GET('/api/v1/audit/cases/{id}/trail', { params: { path: { id } } })),
  });
  if (trail.error) return <ProblemAlert error={trail.error} />;
  if (!trail.data) return <Spin description={t('app.loading')} />;
  // Scrubbing replaces the address rather than stacking an entry per step: Back leaves the page, as a reader expects.
  const onAt = (at: string | null) => setParams(at ? { at } : {}, { replace: true });
  return <CaseTrail trail={trail.data} at={instantOf(params.get('at'))} onAt={onAt} />;
}

function CaseTrail({
  trail,
  at,
  onAt,
}: {
  trail: Trail;
  at: string | null;
  onAt: (at: string | null) => void;
}) {
  const { t, pick } = useI18n();
  // "Now" is read once (and again on "back to now"), not per render: the as-of answers are cached by their instant.
  // It is the present, not the case's last event: effects on other streams (the record a repair repaired) may be
  // recorded after it.
  const [now, setNow] = useState(() => new Date().toISOString());
  const instants = trailInstants(trail.steps);
  const index = instantIndexAt(instants, at);
  const shown = at ?? now;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Link to="/audit">{t('audit.trail.back')}</Link>
        <Typography.Title level={1} style={{ ...TITLE, marginTop: 8 }}>
          {t('audit.trail.title', { title: trail.title })}
        </Typography.Title>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('audit.trail.type')}>{pick(trail.typeLabel)}</Descriptions.Item>
          <Descriptions.Item label={t('audit.trail.subject')}>
            {trail.subjectName}（{trail.subjectCode}）
          </Descriptions.Item>
          <Descriptions.Item label={t('audit.trail.authority')}>{trail.authorityCode}</Descriptions.Item>
          <Descriptions.Item label={t('audit.trail.stateNow')}>{pick(trail.stateLabel)}</Descriptions.Item>
          <Descriptions.Item label={t('audit.trail.chain')}>
            <Tag color={trail.chainIntact ? TAG_COLOURS.green : TAG_COLOURS.red}>
              {t(trail.chainIntact ? 'audit.trail.chainIntact' : 'audit.trail.chainBroken')}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('audit.trail.evidence')}>
            <Link to={`/audit/integrity?caseId=${trail.caseId}`}>{t('audit.trail.exportEvidence')}</Link>
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card>
        <section aria-labelledby="time-travel">
          <Typography.Title level={2} id="time-travel" style={{ fontSize: 20, marginTop: 0 }}>
            {t('audit.timeTravel')}
          </Typography.Title>
          <Typography.Paragraph>{t('audit.timeTravel.intro')}</Typography.Paragraph>
          <Space wrap align="center" style={{ width: '100%', marginBottom: 8 }}>
            <label htmlFor="as-of-instant">{t('audit.timeTravel.instant')}</label>
            <DatePicker
              id="as-of-instant"
              showTime
              allowClear={false}
              format={WALL_CLOCK}
              value={dayjs(beijingWallClock(shown))}
              onChange={(value) => value && onAt(instantOfBeijing(value.format(WALL_CLOCK)))}
            />
            <Typography.Text type="secondary">{t('audit.timeTravel.beijing')}</Typography.Text>
            <Button
              onClick={() => {
                setNow(new Date().toISOString());
                onAt(null);
              }}
              disabled={at === null}
            >
              {t('audit.timeTravel.now')}
            </Button>
          </Space>
          {instants.length > 1 && (
            <>
              <Slider
                min={0}
                max={instants.length - 1}
                step={1}
                value={Math.max(index, 0)}
                onChange={(i) => onAt(instants[i])}
                tooltip={{ formatter: (i) => (i === undefined ? '' : instantLabel(instants[i], instants)) }}
                ariaLabelForHandle={t('audit.timeTravel.slider')}
                ariaValueTextFormatterForHandle={(i) =>
                  t('audit.timeTravel.sliderValue', {
                    n: i + 1,
                    total: instants.length,
                    time: instantLabel(instants[i], instants),
                  })
                }
                style={{ marginInline: 8 }}
              />
              <div style={{ display: 'flex', justifyContent: 'space-between' }} aria-hidden>
                <Typography.Text type="secondary">{beijingWallClock(instants[0])}</Typography.Text>
                <Typography.Text type="secondary">
                  {beijingWallClock(instants[instants.length - 1])}
                </Typography.Text>
              </div>
            </>
          )}
          <Typography.Paragraph role="status" strong style={{ marginTop: 16 }}>
            {at === null
              ? t('audit.timeTravel.showingNow')
              : t('audit.timeTravel.showing', { time: instantLabel(at, instants) })}
          </Typography.Paragraph>
          <AsOfPanel caseId={trail.caseId} at={shown} />
        </section>
      </Card>

      <Card>
        <section aria-labelledby="trail-steps">
          <Typography.Title level={2} id="trail-steps" style={{ fontSize: 20, marginTop: 0 }}>
            {t('audit.trail.steps')}
          </Typography.Title>
          <TrailTimeline steps={trail.steps} at={at} onView={onAt} />
        </section>
      </Card>
    </Space>
  );
}
