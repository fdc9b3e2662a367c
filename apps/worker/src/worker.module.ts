import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditIntegrityModule, AuditTrailModule } from '@credence/audit';
import { AuthorityPoliciesModule } from '@credence/authority-policies';
import { CommitmentsModule } from '@credence/commitments';
import { CreditRecordsModule } from '@credence/credit-records';
import { CreditRepairModule } from '@credence/credit-repair';
import { DeliveryModule } from '@credence/delivery';
import { NotificationsModule } from '@credence/notifications';
import { ObjectionsModule } from '@credence/objections';
import { IdentityCaseAccessModule } from '@credence/identity';
import { PlatformModule, type PlatformOptions } from '@credence/shared';
import { StatisticsModule } from '@credence/statistics';
import { WorkflowModule } from '@credence/workflow';

/**
 * The worker without HTTP: durable timers, the workflows' reactions, the audit ledger's sealer and projector, and
 * the delivery relay (outbox rows to other platforms, ADR 0025) and the statistics projector.
 */
@Module({})
export class WorkerModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PlatformModule.forRoot(options),
        CqrsModule.forRoot(),
        WorkflowModule,
        IdentityCaseAccessModule,
        AuthorityPoliciesModule,
        CreditRecordsModule,
        CreditRepairModule,
        ObjectionsModule,
        CommitmentsModule,
        AuditIntegrityModule,
        AuditTrailModule,
        NotificationsModule,
        DeliveryModule,
        StatisticsModule,
      ],
    };
  }
}
