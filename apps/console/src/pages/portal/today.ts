import { formatDate } from '../../time/beijing';

/** Today's date in Beijing, which statutory dates are compared with (ADR 0009). */
export function todayInBeijing(): string {
  return formatDate(new Date());
}
