import type { DynamicModule, Type } from '@nestjs/common';
import { AuditTrailModule } from '@credence/audit';
import { AuditDecisionsController } from './audit-decisions.controller';
import { AuditTrailController } from './audit-trail.controller';

/** Decision trails, search, time travel, reviewer activity and the access log: modules and controllers of the API. */
export const TRAIL_IMPORTS: (Type | DynamicModule)[] = [AuditTrailModule];
export const TRAIL_CONTROLLERS: Type[] = [AuditTrailController, AuditDecisionsController];
