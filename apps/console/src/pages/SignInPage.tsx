import { useMutation } from '@tanstack/react-query';
import { Button, Card, Form, Input, Typography } from 'antd';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { useAuth } from '../auth/auth';
import { LANDING } from '../auth/session';
import { ProblemAlert } from '../components/ProblemAlert';
import { useI18n } from '../i18n/language';

interface Credentials {
  username: string;
  password: string;
}

interface ArrivedWith {
  /** The page a signed-out visitor asked for (a bookmark): opened after signing in. */
  from?: string;
}

/** `/`: sign in, then to the page asked for (a bookmark) or the role's landing page. */
export function SignInPage() {
  const { t } = useI18n();
  const { session, ended, signIn } = useAuth();
  const navigate = useNavigate();
  const arrived = (useLocation().state ?? {}) as ArrivedWith;
  const login = useMutation({
    mutationFn: (body: Credentials) => unwrap(api.POST('/api/v1/auth/login', { body })),
    onSuccess: (answer) => {
      signIn({ token: answer.accessToken, user: answer.user });
      void navigate(arrived.from ?? LANDING[answer.user.role], { replace: true });
    },
  });

  if (session && !login.isPending) return <Navigate to={LANDING[session.user.role]} replace />;
  return (
    <div style={{ maxWidth: 420, margin: '48px auto' }}>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          {t('signIn.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('app.tagline')}</Typography.Paragraph>
        {ended === 'expired' && !login.error && (
          <Typography.Paragraph role="status">{t('signIn.sessionEnded')}</Typography.Paragraph>
        )}
        <Form<Credentials>
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => login.mutate(values)}
          disabled={login.isPending}
        >
          <Form.Item
            label={t('signIn.username')}
            name="username"
            rules={[{ required: true, whitespace: true, message: t('signIn.usernameRequired') }]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            label={t('signIn.password')}
            name="password"
            rules={[{ required: true, message: t('signIn.passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {login.error && (
            <Form.Item>
              <ProblemAlert error={login.error} title={t('signIn.failed')} />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('signIn.submit')}
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 24, marginBottom: 0 }}>
          {t('signIn.publicHint')}{' '}
          <Link to="/public" style={{ textDecoration: 'underline' }}>
            {t('app.publicQuery')}
          </Link>
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('signIn.demoHint')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
