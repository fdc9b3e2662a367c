import { Select, Space, Typography } from 'antd';
import { TAG_COLOURS } from '../../../components/tag-colours';
import { useI18n } from '../../../i18n/language';
import type { MessageKey } from '../../../i18n/messages';
import { monthGrid, type DayKind, type GridDay } from './month-grid';
import type { Festival } from './schedule-text';

const WEEKDAYS: MessageKey[] = [
  'admin.calendar.weekday.mon',
  'admin.calendar.weekday.tue',
  'admin.calendar.weekday.wed',
  'admin.calendar.weekday.thu',
  'admin.calendar.weekday.fri',
  'admin.calendar.weekday.sat',
  'admin.calendar.weekday.sun',
];
// Dark fills with white text for the two kinds a schedule sets (AA contrast, tag-colours.ts); plain weekends grey.
const STYLE: Record<DayKind, { background: string; color: string }> = {
  weekday: { background: '#fff', color: 'rgba(0,0,0,0.88)' },
  weekend: { background: '#f0f0f0', color: 'rgba(0,0,0,0.88)' },
  holiday: { background: TAG_COLOURS.red, color: '#fff' },
  makeup: { background: TAG_COLOURS.blue, color: '#fff' },
};
// Read by screen readers, not shown (the usual visually-hidden pattern).
const HIDDEN = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;
const KIND_LABEL: Record<DayKind, MessageKey> = {
  weekday: 'admin.calendar.kind.weekday',
  weekend: 'admin.calendar.kind.weekend',
  holiday: 'admin.calendar.kind.holiday',
  makeup: 'admin.calendar.kind.makeup',
};

/** One month of a year as the schedule makes it: working days, weekends, holidays (休) and make-up days (班). */
export function MonthGrid({
  year,
  month,
  festivals,
  onMonth,
}: {
  year: number;
  month: number;
  festivals: readonly Festival[];
  onMonth: (month: number) => void;
}) {
  const { t } = useI18n();
  const weeks = monthGrid(year, month, festivals);
  return (
    <Space orientation="vertical" size="small">
      <Space>
        <label htmlFor="grid-month">{t('admin.calendar.month')}</label>
        <Select
          id="grid-month"
          style={{ width: 110 }}
          value={month}
          onChange={onMonth}
          options={Array.from({ length: 12 }, (_, i) => ({
            value: i + 1,
            label: t('admin.calendar.monthName', { n: i + 1 }),
          }))}
        />
      </Space>
      <table
        className="month-grid"
        data-month={`${year}-${String(month).padStart(2, '0')}`}
        style={{ borderCollapse: 'collapse' }}
      >
        <caption style={{ textAlign: 'start', paddingBottom: 4 }}>
          {t('admin.calendar.gridCaption', { year, month })}
        </caption>
        <thead>
          <tr>
            {WEEKDAYS.map((day) => (
              <th key={day} scope="col" style={{ padding: 4, fontWeight: 500 }}>
                {t(day)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, w) => (
            <tr key={w}>
              {week.map((day, d) => (
                <td key={d} style={{ padding: 2 }}>
                  {day && <DayCell day={day} />}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <Typography.Text type="secondary">
        <span style={{ ...STYLE.holiday, padding: '0 6px', borderRadius: 4 }}>休</span>{' '}
        {t('admin.calendar.kind.holiday')}{' '}
        <span style={{ ...STYLE.makeup, padding: '0 6px', borderRadius: 4 }}>班</span>{' '}
        {t('admin.calendar.kind.makeup')}
      </Typography.Text>
    </Space>
  );
}

function DayCell({ day }: { day: GridDay }) {
  const { t } = useI18n();
  const what = [t(KIND_LABEL[day.kind]), day.festival].filter(Boolean).join(' · ');
  return (
    <div
      data-date={day.date}
      data-kind={day.kind}
      title={what}
      style={{
        ...STYLE[day.kind],
        width: 52,
        height: 44,
        border: '1px solid #d9d9d9',
        borderRadius: 4,
        padding: '2px 4px',
        lineHeight: 1.2,
        position: 'relative',
      }}
    >
      <div>{day.day}</div>
      {(day.kind === 'holiday' || day.kind === 'makeup') && (
        <div style={{ fontSize: 12 }} aria-hidden>
          {day.kind === 'holiday' ? '休' : '班'}
        </div>
      )}
      {/* What a screen reader hears for the cell; the colours and 休/班 say it to the eye. */}
      <span style={HIDDEN}>{what}</span>
    </div>
  );
}
