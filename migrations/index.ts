import { CreateEventStore1767225600000 } from './1767225600000-CreateEventStore';
import { CreateIdempotencyKeys1767225600100 } from './1767225600100-CreateIdempotencyKeys';
import { CreateIdentity1767225600200 } from './1767225600200-CreateIdentity';
import { CreateCaseEngine1767225600300 } from './1767225600300-CreateCaseEngine';
import { CreateCreditRecords1767225600400 } from './1767225600400-CreateCreditRecords';
import { CreateStatutoryTime1767225600500 } from './1767225600500-CreateStatutoryTime';
import { CreateAuditLedger1767225600600 } from './1767225600600-CreateAuditLedger';
import { CreateAuditTrail1767225600700 } from './1767225600700-CreateAuditTrail';
import { CreateMaterials1767225600800 } from './1767225600800-CreateMaterials';
import { CreateAuthorityPolicies1767225600900 } from './1767225600900-CreateAuthorityPolicies';
import { CreateRepairApplications1767225601000 } from './1767225601000-CreateRepairApplications';
import { CreateObjections1767225601100 } from './1767225601100-CreateObjections';
import { CreateReactionRefusals1767225601200 } from './1767225601200-CreateReactionRefusals';
import { CreateCommitments1767225601300 } from './1767225601300-CreateCommitments';
import { CommitmentsLapse1767225601400 } from './1767225601400-CommitmentsLapse';
import { CreateRateLimits1767225601700 } from './1767225601700-CreateRateLimits';
import { IdempotencyKeyClaims1767225601850 } from './1767225601850-IdempotencyKeyClaims';
import { DropAccountLockColumns1767225601900 } from './1767225601900-DropAccountLockColumns';
import { CreateDelivery1767225602000 } from './1767225602000-CreateDelivery';
import { CreateNotifications1767225602100 } from './1767225602100-CreateNotifications';
import { CreateWorkbench1767225602200 } from './1767225602200-CreateWorkbench';
import { CreateStatistics1767225602300 } from './1767225602300-CreateStatistics';
import { CreateAccountChanges1767225602500 } from './1767225602500-CreateAccountChanges';
import { StatisticsCasesNewest1767225602600 } from './1767225602600-StatisticsCasesNewest';

/** Every migration, in order. The app, the CLI and the test setup run this list. */
export const migrations = [
  CreateEventStore1767225600000,
  CreateIdempotencyKeys1767225600100,
  CreateIdentity1767225600200,
  CreateCaseEngine1767225600300,
  CreateCreditRecords1767225600400,
  CreateStatutoryTime1767225600500,
  CreateAuditLedger1767225600600,
  CreateAuditTrail1767225600700,
  CreateMaterials1767225600800,
  CreateAuthorityPolicies1767225600900,
  CreateRepairApplications1767225601000,
  CreateObjections1767225601100,
  CreateReactionRefusals1767225601200,
  CreateCommitments1767225601300,
  CommitmentsLapse1767225601400,
  CreateRateLimits1767225601700,
  IdempotencyKeyClaims1767225601850,
  DropAccountLockColumns1767225601900,
  CreateDelivery1767225602000,
  CreateNotifications1767225602100,
  CreateWorkbench1767225602200,
  CreateStatistics1767225602300,
  CreateAccountChanges1767225602500,
  StatisticsCasesNewest1767225602600,
];
