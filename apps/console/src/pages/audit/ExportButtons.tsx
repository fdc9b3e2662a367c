import { Button, Progress, Space, Typography } from 'antd';
import { useState } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert';
import { fetchFile, saveFile, type DownloadProgress } from '../../files/transfer';
import { useI18n } from '../../i18n/language';
import { exportPathOf, kilobytes, type DecisionFilters } from './audit-query';

type Format = 'csv' | 'xlsx';

/**
 * Exports the search's every row (not just the page shown) as CSV or XLSX, with the download's progress: a bar when
 * the size is known, otherwise the kilobytes received so far (the API streams exports row by row).
 */
export function ExportButtons({ filters }: { filters: DecisionFilters }) {
  const { t } = useI18n();
  const [running, setRunning] = useState<Format | null>(null);
  const [progress, setProgress] = useState<DownloadProgress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const start = async (format: Format) => {
    setRunning(format);
    setError(null);
    setSaved(null);
    setProgress({ percent: null, receivedBytes: 0 });
    try {
      const { blob, fileName } = await fetchFile(exportPathOf(filters, format), setProgress);
      const name = fileName ?? `decisions.${format}`;
      saveFile(blob, name);
      setSaved(name);
    } catch (e) {
      setError(e);
    } finally {
      setRunning(null);
    }
  };

  return (
    <section aria-label={t('audit.export')} style={{ marginBottom: 16 }}>
      <Space wrap>
        <Typography.Text>{t('audit.export')}</Typography.Text>
        {(['csv', 'xlsx'] as const).map((format) => (
          <Button
            key={format}
            onClick={() => void start(format)}
            loading={running === format}
            disabled={running !== null && running !== format}
          >
            {t(format === 'csv' ? 'audit.export.csv' : 'audit.export.xlsx')}
          </Button>
        ))}
        {running && progress && (
          <span role="status" style={{ minWidth: 200, display: 'inline-block' }}>
            {progress.percent !== null ? (
              <Progress percent={progress.percent} size="small" aria-label={t('audit.export.progress')} />
            ) : (
              t('audit.export.received', { kb: kilobytes(progress.receivedBytes) })
            )}
          </span>
        )}
        {saved && (
          <Typography.Text role="status" data-export-saved={saved}>
            {t('audit.export.saved', { file: saved })}
          </Typography.Text>
        )}
      </Space>
      <ProblemAlert error={error} title={t('audit.export.failed')} />
    </section>
  );
}
