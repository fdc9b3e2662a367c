import type { ReactNode } from 'react';

/**
 * A table's "nothing found" text in a colour that passes WCAG AA: antd draws a plain string there in its disabled
 * grey (1.8:1 on white), which axe fails.
 */
export function EmptyText({ children }: { children: ReactNode }) {
  return <span style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{children}</span>;
}
