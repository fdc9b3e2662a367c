import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthorityPoliciesModule } from '@credence/authority-policies';
import { CommitmentsModule } from '@credence/commitments';
import { CreditRecordsModule } from '@credence/credit-records';
import { CreditRepairModule } from '@credence/credit-repair';
import { AuthGuard, IdentityCaseAccessModule, IdentityModule } from '@credence/identity';
import { MaterialsModule } from '@credence/materials';
import { ObjectionsModule } from '@credence/objections';
import { PlatformModule, type PlatformOptions } from '@credence/shared';
import { WorkflowModule } from '@credence/workflow';
import { INTEGRITY_CONTROLLERS, INTEGRITY_IMPORTS } from './audit/integrity';
import { TRAIL_CONTROLLERS, TRAIL_IMPORTS } from './audit/trail';
import { CalendarController } from './calendar/calendar.controller';
import { CasesController } from './cases/cases.controller';
import { WorkbenchController } from './cases/workbench.controller';
import { COMMITMENT_CONTROLLERS, COMMITMENT_PROVIDERS } from './commitments';
import { CreditRecordsController } from './credit-records/credit-records.controller';
import { PublicRecordsController } from './credit-records/public-records.controller';
import { RuleSetsController } from './credit-records/rule-sets.controller';
import { HealthController } from './http/health.controller';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { HttpMetricsMiddleware, MetricsController } from './http/metrics.controller';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { RequestLogMiddleware } from './http/request-log.middleware';
import { REPAIR_CONTROLLERS, REPAIR_PROVIDERS } from './credit-repair';
import { IDENTITY_CONTROLLERS, RateLimitModule } from './identity';
import { FilesController } from './materials/files.controller';
import { ObjectionsController } from './objections/objections.controller';
import { NOTIFICATION_CONTROLLERS, NOTIFICATION_IMPORTS } from './notifications';
import { DELIVERY_CONTROLLERS, DELIVERY_IMPORTS } from './delivery';
import { PUBLIC_CONTROLLERS, PUBLIC_PROVIDERS } from './public';
import { STATISTICS_CONTROLLERS, STATISTICS_IMPORTS } from './statistics';

/** The HTTP application: the libs' modules plus the controllers that translate HTTP into commands and queries. */
@Module({})
export class AppModule implements NestModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(options),
        CqrsModule.forRoot(),
        RateLimitModule,
        IdentityModule,
        IdentityCaseAccessModule,
        WorkflowModule,
        AuthorityPoliciesModule,
        CreditRecordsModule,
        CreditRepairModule,
        MaterialsModule,
        ObjectionsModule,
        CommitmentsModule,
        ...INTEGRITY_IMPORTS,
        ...TRAIL_IMPORTS,
        ...NOTIFICATION_IMPORTS,
        ...DELIVERY_IMPORTS,
        ...STATISTICS_IMPORTS,
      ],
      controllers: [
        HealthController,
        MetricsController,
        ...IDENTITY_CONTROLLERS,
        CasesController,
        WorkbenchController,
        CalendarController,
        CreditRecordsController,
        RuleSetsController,
        PublicRecordsController,
        ...PUBLIC_CONTROLLERS,
        FilesController,
        ...INTEGRITY_CONTROLLERS,
        ...TRAIL_CONTROLLERS,
        ...REPAIR_CONTROLLERS,
        ObjectionsController,
        ...COMMITMENT_CONTROLLERS,
        ...NOTIFICATION_CONTROLLERS,
        ...DELIVERY_CONTROLLERS,
        ...STATISTICS_CONTROLLERS,
      ],
      providers: [
        ...REPAIR_PROVIDERS,
        ...COMMITMENT_PROVIDERS,
        ...PUBLIC_PROVIDERS,
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        // Every route needs a login unless marked @Public(); runs before the idempotency interceptor (req.user).
        { provide: APP_GUARD, useExisting: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestLogMiddleware, HttpMetricsMiddleware).forRoutes('{*path}');
  }
}
