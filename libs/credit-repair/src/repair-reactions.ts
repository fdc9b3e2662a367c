import { Injectable } from '@nestjs/common';
import { beijingDateOf, type Sql } from '@credence/shared';
import type { DownstreamPlatform } from '@credence/authority-policies';
import { CREDIT_RECORD, publicityPeriods, ruleSetInForce, RuleSets } from '@credence/credit-records';
import {
  streamIdOf,
  type EventOf,
  type Reaction,
  type ReactionCommand,
  type RecordedEventOf,
  reactionOutbox,
} from '@credence/workflow';
import type { RepairEvent } from './domain/repair.events';
import { REPAIR_APPLICATION } from './repair.case-type';

/** The platform code of the credit evaluation system, which re-evaluates grades (ADR 0025). */
export const GRADE_EVALUATION_PLATFORM = 'credit-evaluation';

/** The decisions whose effects reach outside the application. */
type Decided = EventOf<RepairEvent, 'RepairApproved' | 'RepairApprovalRevoked'>;

interface RecordRow {
  id: string;
  severity: string;
  field: string;
  rule_set_code: string | null;
}

/**
 * The effects of a repair decision on everything outside the application (DOMAIN §3, Order 36 Art. 3):
 * - approved: the record is repaired (it leaves every public view at once), each configured platform gets an
 *   outbox row awaiting delivery and confirmation (执行反馈), and the credit grade is to be re-evaluated;
 * - revoked: the record is published again with its periods restarting from the revocation, and the platforms are
 *   told.
 */
@Injectable()
export class RepairReactions implements Reaction<Decided> {
  readonly name = 'credit-repair-effects';
  readonly streamTypes = [REPAIR_APPLICATION];
  readonly eventTypes = ['RepairApproved', 'RepairApprovalRevoked'] as const;

  constructor(private readonly ruleSets: RuleSets) {}

  async react(event: RecordedEventOf<Decided>, tx: Sql): Promise<ReactionCommand[]> {
    const caseId = event.streamId.slice(REPAIR_APPLICATION.length + 1);
    const state = await this.applicationOf(event, tx);
    const facts = { repairCaseId: caseId, caseNumber: state.caseNumber, decisionEventId: event.eventId };
    if (event.type === 'RepairApproved') {
      await this.notifyPlatforms(tx, event, caseId, 'credit-repair.approved', state);
      await reactionOutbox(
        tx,
        event,
        caseId,
        'grade.re-evaluation-requested',
        'grade',
        {
          subjectCode: state.subjectCode,
          reason: { zh: '信用修复完成', en: 'Credit repair approved' },
          ...facts,
        },
        GRADE_EVALUATION_PLATFORM,
      );
      return [
        {
          caseType: CREDIT_RECORD,
          caseId: state.recordId,
          eventType: 'CreditRecordRepaired',
          data: { ...facts, reasons: event.data.reasons ?? [], legalBasis: event.data.legalBasis ?? null },
        },
      ];
    }
    await this.notifyPlatforms(tx, event, caseId, 'credit-repair.revoked', state);
    const periods = await this.restartedPeriods(tx, state.recordId, beijingDateOf(event.recordedAt));
    if (!periods) return [];
    return [
      {
        caseType: CREDIT_RECORD,
        caseId: state.recordId,
        eventType: 'RepairRevoked',
        data: {
          ...facts,
          ...periods,
          ground: event.data.ground,
          reasons: event.data.reasons ?? [],
          legalBasis: event.data.legalBasis ?? null,
        },
      },
    ];
  }

  /** The application's record, subject and number, from its first events (creation and submission). */
  private async applicationOf(event: RecordedEventOf<Decided>, tx: Sql) {
    const { rows } = await tx.query<{ record_id: string; subject_code: string; case_number: string | null }>(
      `SELECT record_id::text, subject_code, case_number FROM repair_applications WHERE id = $1::uuid`,
      [event.streamId.slice(REPAIR_APPLICATION.length + 1)],
    );
    return {
      recordId: rows[0].record_id,
      subjectCode: rows[0].subject_code,
      caseNumber: rows[0].case_number,
    };
  }

  private async notifyPlatforms(
    tx: Sql,
    event: RecordedEventOf<Decided>,
    caseId: string,
    topic: string,
    state: { recordId: string; subjectCode: string; caseNumber: string | null },
  ): Promise<void> {
    const platforms =
      (event.type === 'RepairApproved' ? event.data.downstream : undefined) ??
      (await this.approvedPlatforms(tx, caseId));
    for (const platform of platforms)
      await reactionOutbox(
        tx,
        event,
        caseId,
        topic,
        platform.code,
        {
          platform,
          recordId: state.recordId,
          subjectCode: state.subjectCode,
          caseNumber: state.caseNumber,
          decidedAt: event.recordedAt.toISOString(),
        },
        platform.code,
      );
  }

  /** A revocation goes to the platforms the approval went to. */
  private async approvedPlatforms(tx: Sql, caseId: string): Promise<DownstreamPlatform[]> {
    const { rows } = await tx.query<{ data: { downstream?: DownstreamPlatform[] } }>(
      `SELECT data FROM events WHERE stream_id = $1 AND type = 'RepairApproved' ORDER BY stream_version DESC LIMIT 1`,
      [streamIdOf(REPAIR_APPLICATION, caseId)],
    );
    return rows[0]?.data.downstream ?? [];
  }

  /** Order 36 practice on revocation: publication restarts, its periods counted afresh from the revocation date. */
  private async restartedPeriods(tx: Sql, recordId: string, from: string) {
    const { rows } = await tx.query<RecordRow>(
      `SELECT id::text, severity, field, rule_set_code FROM credit_records WHERE id = $1::uuid`,
      [recordId],
    );
    const record = rows[0];
    if (!record) return null;
    const ruleSets = await this.ruleSets.all();
    const ruleSet = ruleSets.find((r) => r.code === record.rule_set_code) ?? ruleSetInForce(ruleSets, from);
    return ruleSet ? publicityPeriods(ruleSet, record.severity as never, record.field as never, from) : null;
  }
}
