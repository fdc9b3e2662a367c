import { Button, Timeline, Typography } from 'antd';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n/language';
import { beijingWallClock } from './time-travel';
import { snapshotLines } from './trail-facts';

type Step = components['schemas']['AuditTrailDto']['steps'][number];
type EventStep = components['schemas']['AuditTrailEventStepDto'];
type DeliveryStep = components['schemas']['AuditTrailDeliveryStepDto'];

const MONO = { fontFamily: 'monospace', wordBreak: 'break-all' } as const;

/**
 * The case's trail, oldest first: each event with who, as what, did what, from which state to which, why, under
 * which legal basis and rule set, the grade snapshot and the materials by their SHA-256; delivery records beside
 * them. Steps after the instant shown are greyed and said to be later: the reader sees where in time they stand.
 */
export function TrailTimeline({
  steps,
  at,
  onView,
}: {
  steps: readonly Step[];
  /** The instant the page shows (null: now). */
  at: string | null;
  onView: (instant: string) => void;
}) {
  const { t } = useI18n();
  const cut = at === null ? Infinity : Date.parse(at);
  return (
    <Timeline
      items={steps.map((step) => {
        const later = Date.parse(step.recordedAt) > cut;
        return {
          key: step.source === 'event' ? step.eventId : `${step.messageId}-${step.kind}-${step.recordedAt}`,
          color: later ? 'gray' : step.source === 'event' ? 'blue' : 'green',
          content: (
            <div data-step={step.source === 'event' ? step.streamVersion : undefined} data-later={later}>
              <Typography.Text type="secondary" style={{ display: 'block' }}>
                {beijingWallClock(step.recordedAt)}
                {later && ` ${t('audit.trail.later')}`}
              </Typography.Text>
              {step.source === 'event' ? (
                <EventFacts step={step} onView={() => onView(step.recordedAt)} />
              ) : (
                <DeliveryFacts step={step} />
              )}
            </div>
          ),
        };
      })}
    />
  );
}

function EventFacts({ step, onView }: { step: EventStep; onView: () => void }) {
  const { t, pick } = useI18n();
  const role = pick(step.actor.roleLabel);
  const action = pick(step.actionLabel);
  // The engine's own steps (clocks, timers) have no person behind them: named by their role alone.
  const headline = step.actor.displayName
    ? t('audit.trail.step', { who: step.actor.displayName, role, action })
    : step.actor.id === 'system'
      ? t('audit.trail.stepByRole', { role, action })
      : t('audit.trail.step', { who: step.actor.id, role, action });
  const lines: [string, React.ReactNode][] = [];
  if (step.stateChanged && step.stateAfter)
    lines.push([
      t('audit.trail.state'),
      `${pick(step.stateBefore?.label) || '—'} → ${pick(step.stateAfter.label)}`,
    ]);
  if (step.reasons.length) lines.push([t('audit.trail.reasons'), step.reasons.join('；')]);
  if (step.opinion) lines.push([t('audit.trail.opinion'), step.opinion]);
  if (step.legalBasis) lines.push([t('audit.trail.legalBasis'), step.legalBasis]);
  if (step.ruleSet) lines.push([t('audit.trail.ruleSet'), step.ruleSet]);
  const grade = snapshotLines(step.gradeSnapshot);
  if (grade.length) lines.push([t('audit.trail.grade'), grade.join('；')]);
  return (
    <div>
      <Typography.Text strong>{headline}</Typography.Text>
      <Button
        type="link"
        size="small"
        onClick={onView}
        aria-label={t('audit.trail.viewAtLabel', { version: step.streamVersion })}
      >
        {t('audit.trail.viewAt')}
      </Button>
      <dl style={{ margin: '4px 0 0' }}>
        {lines.map(([name, value]) => (
          <div key={name} style={{ display: 'flex', gap: 8 }}>
            <dt style={{ flex: 'none', color: 'rgba(0,0,0,0.65)' }}>{name}</dt>
            <dd style={{ margin: 0 }}>{value}</dd>
          </div>
        ))}
        {step.materials.length > 0 && (
          <div>
            <dt style={{ color: 'rgba(0,0,0,0.65)' }}>{t('audit.trail.materials')}</dt>
            {step.materials.map((m) => (
              <dd key={m.id} style={{ margin: 0 }}>
                <span style={MONO}>
                  {m.id} · SHA-256 {m.sha256}
                </span>
              </dd>
            ))}
          </div>
        )}
        <div style={{ display: 'flex', gap: 8 }}>
          <dt style={{ flex: 'none', color: 'rgba(0,0,0,0.65)' }}>{t('audit.trail.hash')}</dt>
          <dd style={{ margin: 0, ...MONO }}>
            v{step.streamVersion} · {step.chain.algorithm} {step.chain.hash}
          </dd>
        </div>
      </dl>
    </div>
  );
}

function DeliveryFacts({ step }: { step: DeliveryStep }) {
  const { t, pick } = useI18n();
  const platform = step.platform.name ?? step.platform.code;
  return (
    <div>
      <Typography.Text strong>
        {t('audit.trail.delivery', {
          platform,
          action: pick(step.actionLabel),
          outcome: pick(step.outcomeLabel),
        })}
      </Typography.Text>
      {(step.error || step.reason) && (
        <Typography.Paragraph style={{ margin: 0 }}>{step.error ?? step.reason}</Typography.Paragraph>
      )}
    </div>
  );
}
