import { Module } from '@nestjs/common';
import { WorkingCalendarModule } from '@credence/working-calendar';
import { StatisticsCasesList } from './statistics-cases-list';
import { StatisticsFigures } from './statistics-figures';
import { StatisticsLabels } from './statistics-labels';
import { StatisticsProjectorLoop } from './statistics-loop';
import { StatisticsMetrics } from './statistics-metrics';
import { StatisticsProjector } from './statistics-projector';
import { StatisticsReports } from './statistics-reports';
import { StatisticsMonthlyReport } from './report/monthly-report';

/**
 * The regulator's figures: the statistics projector (runs where the worker runs), the figure queries and the
 * Prometheus business metrics. Needs the WorkflowModule (global) for case type labels.
 */
@Module({
  imports: [WorkingCalendarModule],
  providers: [
    StatisticsProjector,
    StatisticsProjectorLoop,
    StatisticsLabels,
    StatisticsFigures,
    StatisticsReports,
    StatisticsCasesList,
    StatisticsMetrics,
    StatisticsMonthlyReport,
  ],
  exports: [
    StatisticsProjector,
    StatisticsFigures,
    StatisticsReports,
    StatisticsCasesList,
    StatisticsMetrics,
    StatisticsMonthlyReport,
  ],
})
export class StatisticsModule {}
