import { Typography } from 'antd';

/**
 * A table's "nothing here" text in the theme's secondary colour: antd draws a plain string in its disabled grey,
 * which fails WCAG AA contrast (axe color-contrast).
 */
export function EmptyText({ children }: { children: string }) {
  return <Typography.Text type="secondary">{children}</Typography.Text>;
}
