import { Module } from '@nestjs/common';
import { CreditRecordsModule } from '@credence/credit-records';
import { IdentityModule } from '@credence/identity';
import { AccessLog } from './access-log';
import { DecisionExports } from './decision-exports';
import { DecisionProjector } from './decision-projector';
import { DecisionSearch } from './decision-search';
import { DecisionTrails } from './decision-trails';
import { DeliveryTrail } from './delivery-trail';
import { DecisionProjectorLoop } from './projector-loop';
import { StaffActivityReport } from './staff-activity';
import { CaseTimeTravel } from './time-travel';

/**
 * The auditor's read side: decision trails, the `audit_decisions` projector (runs where the worker runs), search and
 * export, time travel, staff activity and the access log. Needs the WorkflowModule (global) and the identity policy.
 */
@Module({
  imports: [CreditRecordsModule, IdentityModule],
  providers: [
    AccessLog,
    DecisionExports,
    DecisionProjector,
    DecisionProjectorLoop,
    DecisionSearch,
    DecisionTrails,
    DeliveryTrail,
    StaffActivityReport,
    CaseTimeTravel,
  ],
  exports: [
    AccessLog,
    DecisionExports,
    DecisionProjector,
    DecisionSearch,
    DecisionTrails,
    StaffActivityReport,
    CaseTimeTravel,
  ],
})
export class AuditTrailModule {}
