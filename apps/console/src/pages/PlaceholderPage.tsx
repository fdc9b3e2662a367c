import { Card, Typography } from 'antd';
import { useI18n } from '../i18n/language';
import type { MessageKey } from '../i18n/messages';

/** What exists in the API today for a page still to be built: its routes, linked to the API documentation. */
export function PlaceholderPage({ title, routes }: { title: MessageKey; routes: string[] }) {
  const { t } = useI18n();
  return (
    <Card>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        {t(title)}
      </Typography.Title>
      <Typography.Paragraph>{t('placeholder.body')}</Typography.Paragraph>
      <ul>
        {routes.map((route) => (
          <li key={route}>
            <Typography.Text code>{route}</Typography.Text>
          </li>
        ))}
      </ul>
      <a href="/api/docs">{t('placeholder.apiDocs')}</a>
    </Card>
  );
}
