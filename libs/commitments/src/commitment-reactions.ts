import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { AuthorityPolicies } from '@credence/authority-policies';
import { RegisterCreditRecordCommand, type RegisterCreditRecordInput } from '@credence/credit-records';
import { beijingDateOf, DomainError, type Sql } from '@credence/shared';
import {
  CaseEngine,
  SYSTEM_ACTOR,
  type EventOf,
  type Reaction,
  type ReactionCommand,
  type RecordedEventOf,
  reactionOutbox,
} from '@credence/workflow';
import { appliedPolicy } from './applied-policy';
import { BREACH_EVENTS, COMMITMENT } from './commitment.case-type';
import { breachDecisionNumber } from './commitment-breach';
import { BREACH_GROUND_LABELS, COMMITMENT_TYPE_LABELS } from './domain/commitment';
import type { CommitmentEvent } from './domain/commitment.events';
import type { CommitmentContext } from './domain/commitment.machine';

/** A breach: a check's finding, or the promised date passing (容缺). */
type BreachEvent = EventOf<CommitmentEvent, (typeof BREACH_EVENTS)[number]>;
type Breach = RecordedEventOf<BreachEvent>;

/** Outbox topic of the notice that a decision relying on a broken commitment must be revoked. */
export const REVOKE_LINKED_DECISION = 'commitment.revoke-linked-decision';
/** The platform of the licensing system a revocation notice goes to (ADR 0025). */
export const LICENCE_ISSUER_PLATFORM = 'licence-issuer';
/** Outbox topic the evaluation system reads (the same one an approved repair writes). */
export const GRADE_RE_EVALUATION = 'grade.re-evaluation-requested';

/**
 * The consequences of a breach (违诺, DOMAIN §5), each carried out once and recorded on the commitment as an event
 * naming the breach (`breachEventId`):
 * - the 违诺 record (kind `other`, severity from the authority's setting) registered in the registry by the system on
 *   behalf of the commitment's authority — itself repairable later; `BreachRecordRegistered` links it;
 * - the decision that relied on the promise revoked: a revocation notice in the outbox (an external licence), or
 *   for a repair application the request the repair workflow carries out (`RepairCommitmentBreachRevokes`);
 * - the grade re-evaluated by the evaluation system (an outbox row);
 * - the loss of 告知承诺 and 容缺 eligibility is not an effect but a reading: the fast-track rules find the breach
 *   while its record stands (see SubjectCredit.factsOn), so a repaired or expired record gives it back by itself.
 */
@Injectable()
export class CommitmentBreachReactions implements Reaction<BreachEvent> {
  readonly name = 'commitment-breach-effects';
  readonly streamTypes = [COMMITMENT];
  readonly eventTypes = [...BREACH_EVENTS];

  constructor(
    private readonly engine: CaseEngine,
    private readonly commands: CommandBus,
    private readonly policies: AuthorityPolicies,
  ) {}

  async react(event: Breach, tx: Sql): Promise<ReactionCommand[]> {
    const caseId = event.streamId.slice(COMMITMENT.length + 1);
    const loaded = await this.engine.load(COMMITMENT, caseId, SYSTEM_ACTOR, {}, tx);
    const c = loaded.snapshot.context as CommitmentContext;
    if (c.outcome?.result !== 'breached') return [];
    // Replayed history (a reset checkpoint) finds the consequences already recorded and does nothing twice.
    const done = new Set(c.consequences.map((k) => k.kind));
    const named = { breachEventId: event.eventId, commitmentCaseNumber: c.caseNumber };
    const commands: ReactionCommand[] = [];
    const command = (eventType: string, data: Record<string, unknown>): ReactionCommand => ({
      caseType: COMMITMENT,
      caseId,
      eventType,
      data: { ...named, ...data },
    });

    if (!done.has('breach-record')) commands.push(command(...(await this.breachRecord(event, c))));
    if (c.linked && !done.has('linked-revocation'))
      commands.push(command('LinkedDecisionRevocationRequested', await this.linkedRevocation(event, c, tx)));
    if (!done.has('grade-re-evaluation')) {
      await reactionOutbox(
        tx,
        event,
        caseId,
        GRADE_RE_EVALUATION,
        'grade',
        {
          subjectCode: c.subject!.code,
          reason: { zh: '违反信用承诺', en: 'A credit commitment was broken' },
          commitmentCaseId: caseId,
          ...named,
        },
        'credit-evaluation',
      );
      commands.push(
        command('GradeReEvaluationRequested', {
          outboxTopic: GRADE_RE_EVALUATION,
          outcome: 're-evaluation-requested',
        }),
      );
    }
    return commands;
  }

  /**
   * The decision that relied on the promise is to be revoked. An external licence is revoked by whoever issued it:
   * the notice goes to the outbox. A repair application of this system is revoked by the repair workflow, which
   * reacts to this event (ground `commitment_broken`), so the event carries the breach's findings and basis.
   */
  private async linkedRevocation(
    event: Breach,
    c: CommitmentContext,
    tx: Sql,
  ): Promise<Record<string, unknown>> {
    const external = c.linked!.kind === 'external_licence';
    if (external) {
      const caseId = event.streamId.slice(COMMITMENT.length + 1);
      await reactionOutbox(
        tx,
        event,
        caseId,
        REVOKE_LINKED_DECISION,
        c.linked!.kind,
        revocationNotice(event, c),
        LICENCE_ISSUER_PLATFORM,
      );
    }
    const { ground, findings, legalBasis, automatic } = c.outcome!;
    return {
      linked: c.linked,
      breach: { ground, findings, legalBasis, automatic },
      ...(external ? { outboxTopic: REVOKE_LINKED_DECISION } : {}),
      outcome: 'revocation-requested',
    };
  }

  /** Registers the 违诺 record through the registry's own command: idempotent per authority and decision number. */
  private async breachRecord(
    event: Breach,
    c: CommitmentContext,
  ): Promise<[string, Record<string, unknown>]> {
    const decisionDate = beijingDateOf(event.recordedAt);
    const severity = await this.policies.get('commitment.breach-severity', c.authority!.path, decisionDate);
    const decisionNumber = breachDecisionNumber(c.caseNumber!);
    const input: RegisterCreditRecordInput = {
      subject: c.subject!,
      kind: 'other',
      severity: severity.value,
      field: c.field,
      decisionNumber,
      decisionDate,
      authorityCode: c.authority!.code,
      facts: breachFacts(c),
      legalBasis: c.outcome!.legalBasis,
    };
    try {
      const { record, created } = await this.commands.execute(
        new RegisterCreditRecordCommand(input, SYSTEM_ACTOR, {
          correlationId: event.metadata.correlationId,
          causationId: event.eventId,
        }),
      );
      return [
        'BreachRecordRegistered',
        {
          recordId: record.caseId,
          decisionNumber,
          severity: severity.value,
          severityPolicy: appliedPolicy(severity),
          created,
          outcome: 'breach-record-registered',
        },
      ];
    } catch (error) {
      // The registry refused (no rule set for the date, the number taken by other content): recorded, not retried.
      if (!(error instanceof DomainError)) throw error;
      return [
        'BreachRecordRefused',
        { decisionNumber, code: error.code, message: error.message, outcome: 'breach-record-refused' },
      ];
    }
  }
}

/** The record's facts: which promise was broken, how, and what the check found (deterministic, for idempotency). */
export function breachFacts(c: CommitmentContext): string {
  const outcome = c.outcome!;
  const promise =
    c.type === 'missing_materials'
      ? `承诺于${c.promisedBy}前补交${c.promisedMaterials.join('、')}`
      : c.items.map((i) => i.text).join('；');
  const ground = outcome.ground ? BREACH_GROUND_LABELS[outcome.ground].zh : '违反信用承诺';
  return [
    `违反信用承诺（${c.caseNumber}，${COMMITMENT_TYPE_LABELS[c.type!].zh}${c.matter ? `，事项：${c.matter}` : ''}）`,
    `承诺内容：${promise}`,
    `违诺情形：${ground}${outcome.findings ? `。核查情况：${outcome.findings}` : ''}`,
  ].join('。');
}

/** The outbox payload: what the decision-maker must revoke, and why, in both languages. */
function revocationNotice(event: Breach, c: CommitmentContext): Record<string, unknown> {
  const linked = c.linked!;
  const what = linked.description ?? linked.reference;
  return {
    linked,
    commitment: { caseNumber: c.caseNumber, type: c.type, matter: c.matter },
    subject: c.subject,
    authority: c.authority,
    breach: {
      eventId: event.eventId,
      at: event.recordedAt.toISOString(),
      ground: c.outcome!.ground,
      automatic: c.outcome!.automatic,
    },
    notice: {
      zh: `${c.subject!.name}违反信用承诺（${c.caseNumber}），依该承诺作出的决定（${what}）应当依法撤销。`,
      en: `${c.subject!.name} broke commitment ${c.caseNumber}; the decision that relied on it (${what}) is to be revoked.`,
    },
  };
}
