import type { Provider, Type } from '@nestjs/common';
import { AuthorityPoliciesController } from './authority-policies.controller';
import { RepairApplicationsController } from './repair-applications.controller';
import { RepairViews } from './repair-views';

/** Credit repair over HTTP: the applications and the authority settings that shape them. */
export const REPAIR_CONTROLLERS: Type[] = [RepairApplicationsController, AuthorityPoliciesController];
export const REPAIR_PROVIDERS: Provider[] = [RepairViews];
