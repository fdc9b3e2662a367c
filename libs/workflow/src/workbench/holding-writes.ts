import type { SqlWrite } from '@credence/shared';
import type { Holding } from './holding';

/**
 * The queue's view of who holds a case (`case_work`), written in the statement that appends the event, so the
 * work-item views filter on indexed columns instead of folding streams. The stream stays the truth; this row is
 * rebuilt from it by every command.
 */
export function holdingRowWrite(caseId: string, holding: Holding, at: Date): SqlWrite {
  return {
    text: `INSERT INTO case_work (case_id, step, holder_id, delegate_id, signers, pending_signers, copied_to,
             last_urged_on, updated_at)
           SELECT $1::uuid, $2::text, $3::uuid, $4::uuid, $5::uuid[], $6::uuid[], $7::uuid[], $8::date, $9::timestamptz
           WHERE EXISTS (SELECT 1 FROM appended)
           ON CONFLICT (case_id) DO UPDATE SET step = EXCLUDED.step, holder_id = EXCLUDED.holder_id,
             delegate_id = EXCLUDED.delegate_id, signers = EXCLUDED.signers, pending_signers = EXCLUDED.pending_signers,
             copied_to = EXCLUDED.copied_to, last_urged_on = EXCLUDED.last_urged_on, updated_at = EXCLUDED.updated_at`,
    values: [
      caseId,
      holding.step,
      holding.holder,
      holding.delegate?.to ?? null,
      holding.signers.map((s) => s.account),
      holding.signers.filter((s) => s.signed === null).map((s) => s.account),
      holding.copiedTo,
      holding.lastUrgedOn,
      at,
    ],
  };
}
