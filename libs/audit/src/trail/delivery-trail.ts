import { Injectable } from '@nestjs/common';
import { Database } from '@credence/shared';
import {
  deliveryStepOf,
  orderRecords,
  type DeliveryRecordRow,
  type DeliveryTrailStep,
} from './delivery-steps';
import { displayNames } from './names';

/*
 * Every attempt and receipt of the case's messages (append-only `delivery_attempts`, ADR 0025), and every operator
 * retry of them (`incident_retries`, whose ids name the message: `delivery:<message id>`), in the order they were
 * recorded. Read here from the tables rather than through the delivery library, which depends on the workflows
 * that depend on this one.
 */
const RECORDS = `
SELECT a.kind, a.message_id::text AS message_id, o.topic, o.message -> 'happened' -> 'label' AS happened,
       a.platform_code, p.name AS platform_name, a.attempt, a.outcome, a.http_status, a.detail, a.duration_ms,
       a.worker AS actor_id, NULL AS actor_role, NULL AS actor_authority, a.recorded_at, o.sync_due_at,
       0 AS source_order, a.id AS seq
  FROM delivery_attempts a
  LEFT JOIN outbox o ON o.id = a.message_id
  LEFT JOIN delivery_platforms p ON p.code = a.platform_code
 WHERE a.case_id = $1
UNION ALL
SELECT 'retry', o.id::text, o.topic, o.message -> 'happened' -> 'label', o.platform_code, p.name, NULL, r.outcome,
       NULL, r.detail, NULL, r.actor_id::text, r.actor_role, r.actor_authority, r.requested_at, o.sync_due_at,
       1, r.id
  FROM outbox o
  JOIN incident_retries r ON r.incident_id = 'delivery:' || o.id::text
  LEFT JOIN delivery_platforms p ON p.code = o.platform_code
 WHERE o.case_id = $1 AND o.platform_code IS NOT NULL
 ORDER BY recorded_at, source_order, seq`;

/** The delivery records of a case as audit-trail steps, oldest first. */
@Injectable()
export class DeliveryTrail {
  constructor(private readonly db: Database) {}

  /** The caller has checked the reader may see the case. */
  async stepsOf(caseId: string): Promise<DeliveryTrailStep[]> {
    const { rows } = await this.db.query<DeliveryRecordRow>(RECORDS, [caseId]);
    const steps = orderRecords(rows).map(deliveryStepOf);
    const retries = steps.filter((s) => s.kind === 'retry');
    const names = await displayNames(
      this.db,
      retries.map((s) => s.actor.id),
    );
    for (const step of retries) step.actor.displayName = names.get(step.actor.id) ?? null;
    return steps;
  }
}
