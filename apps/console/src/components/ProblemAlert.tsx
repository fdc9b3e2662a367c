import { Alert } from 'antd';
import { ProblemError } from '../api/problem';
import { useI18n } from '../i18n/language';

/**
 * A refusal or failure as a person reads it: the problem's title (in the chosen language, from the API), its detail
 * and each field's message. Anything that is not a ProblemError is a defect of the console: its message is shown.
 */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useI18n();
  if (!error) return null;
  const problem = error instanceof ProblemError ? error.problem : null;
  const headline =
    problem?.code === 'NETWORK_ERROR'
      ? t('app.networkError')
      : (problem?.title ?? (error instanceof Error ? error.message : JSON.stringify(error)));
  const lines = [
    ...(problem?.detail ? [problem.detail] : []),
    ...(problem?.errors ?? []).map((e) => e.message),
  ];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-problem-code={problem?.code}
      title={title ? `${title}：${headline}` : headline}
      description={
        lines.length ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {lines.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
