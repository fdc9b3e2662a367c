import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert';
import { fetchFile, saveFile } from '../../files/transfer';
import { useI18n } from '../../i18n/language';
import { reportPathOf, type DashboardFilters } from './dashboard-query';

type Format = 'xlsx' | 'pdf';

/**
 * The monthly report (XLSX, PDF) of the month shown, for the same authority (every case type: the report takes no
 * case type). A period that is not a calendar month has no monthly report: the buttons are not offered then.
 */
export function ReportDownloads({
  filters,
  month,
}: {
  filters: DashboardFilters;
  month: string | undefined;
}) {
  const { t } = useI18n();
  const [running, setRunning] = useState<Format | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (!month) return null;

  const download = async (format: Format) => {
    setRunning(format);
    setError(null);
    try {
      const { blob, fileName } = await fetchFile(reportPathOf(filters, month, format), () => undefined);
      saveFile(blob, fileName ?? `report-${month}.${format}`);
    } catch (e) {
      setError(e);
    } finally {
      setRunning(null);
    }
  };

  return (
    <section aria-label={t('dashboard.report')}>
      <Space wrap>
        <Typography.Text>
          {t('dashboard.report.month', { month })}
          {filters.caseType && t('dashboard.report.allTypes')}
        </Typography.Text>
        {(['xlsx', 'pdf'] as const).map((format) => (
          <Button
            key={format}
            loading={running === format}
            disabled={running !== null && running !== format}
            onClick={() => void download(format)}
          >
            {t(format === 'xlsx' ? 'dashboard.report.xlsx' : 'dashboard.report.pdf')}
          </Button>
        ))}
      </Space>
      <ProblemAlert error={error} title={t('dashboard.report.failed')} />
    </section>
  );
}
