import { Result } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n/language';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={<h1 style={{ fontSize: 24, margin: 0 }}>{t('app.notFound')}</h1>}
      subTitle={t('app.notFoundHint')}
      extra={<Link to="/">{t('app.backHome')}</Link>}
    />
  );
}
