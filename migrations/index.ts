import { CreateEventStore1767225600000 } from './1767225600000-CreateEventStore';
import { CreateIdempotencyKeys1767225600100 } from './1767225600100-CreateIdempotencyKeys';
import { CreateIdentity1767225600200 } from './1767225600200-CreateIdentity';
import { CreateCaseEngine1767225600300 } from './1767225600300-CreateCaseEngine';
import { CreateCreditRecords1767225600400 } from './1767225600400-CreateCreditRecords';
import { CreateStatutoryTime1767225600500 } from './1767225600500-CreateStatutoryTime';
import { CreateAuditLedger1767225600600 } from './1767225600600-CreateAuditLedger';
import { CreateAuditTrail1767225600700 } from './1767225600700-CreateAuditTrail';

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
];
