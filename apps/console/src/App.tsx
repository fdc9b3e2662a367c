import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { BrowserRouter } from 'react-router-dom';
import { ProblemError } from './api/problem';
import { AuthProvider } from './auth/auth';
import { LanguageProvider, useI18n } from './i18n/language';
import { AppRoutes } from './routes';

const queries = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (4xx) will not change by asking again; a lost connection or a 503 may.
      retry: (count, error) =>
        count < 2 && !(error instanceof ProblemError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

/*
 * Colours that pass WCAG AA contrast (4.5:1) on white: antd's default primary (#1677ff) and secondary text (45 %
 * black) do not, and axe fails them in the browser tests.
 */
const THEME = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    // Hovered and focused buttons and links keep AA contrast too (antd's derived hover blue does not).
    colorPrimaryHover: '#003eb3',
    colorLinkHover: '#003eb3',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
    // Field messages and danger buttons: antd's #ff4d4f is 3.3:1 on white.
    colorError: '#cf1322',
  },
};

function Localised({ children }: { children: ReactNode }) {
  const { language } = useI18n();
  dayjs.locale(language === 'en' ? 'en' : 'zh-cn');
  return (
    // autoInsertSpace off: antd would show "登 录", and a button's name must read as written.
    <ConfigProvider
      locale={language === 'en' ? enUS : zhCN}
      theme={THEME}
      button={{ autoInsertSpace: false }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queries}>
      <LanguageProvider>
        <Localised>
          <BrowserRouter>
            <AuthProvider>
              <AppRoutes />
            </AuthProvider>
          </BrowserRouter>
        </Localised>
      </LanguageProvider>
    </QueryClientProvider>
  );
}
