import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { AuditIntegrityModule, AuditTrailModule } from '@credence/audit';
import { CreditRecordsModule } from '@credence/credit-records';
import { IdentityCaseAccessModule } from '@credence/identity';
import { PlatformModule, type PlatformOptions } from '@credence/shared';
import { WorkflowModule } from '@credence/workflow';

/**
 * The worker without HTTP: durable timers, the audit ledger's sealer and (later) other subscriptions, reactors and
 * outbox delivery.
 */
@Module({})
export class WorkerModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PlatformModule.forRoot(options),
        LoggerModule.forRoot({ pinoHttp: { level: options.env.LOG_LEVEL } }),
        CqrsModule.forRoot(),
        WorkflowModule,
        IdentityCaseAccessModule,
        CreditRecordsModule,
        AuditIntegrityModule,
        AuditTrailModule,
      ],
    };
  }
}
