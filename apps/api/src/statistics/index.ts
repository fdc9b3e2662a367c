import type { DynamicModule, Type } from '@nestjs/common';
import { StatisticsModule } from '@credence/statistics';
import { StatisticsController } from './statistics.controller';
import { StatisticsReportController } from './statistics-report.controller';

/** The regulator's figures and the business metrics: modules and controllers of the API. */
export const STATISTICS_IMPORTS: (Type | DynamicModule)[] = [StatisticsModule];
export const STATISTICS_CONTROLLERS: Type[] = [StatisticsController, StatisticsReportController];
