import { Injectable } from '@nestjs/common';
import { COMMITMENT, type CommitmentEvent, type LapseReason, RepairCommitments } from '@credence/commitments';
import { beijingDateOf, type Sql } from '@credence/shared';
import {
  CaseEngine,
  type EventOf,
  type Reaction,
  type ReactionCommand,
  type RecordedEventOf,
  SYSTEM_ACTOR,
} from '@credence/workflow';
import type { RepairEvent } from './domain/repair.events';
import type { RepairContext } from './domain/repair.machine';
import { REPAIR_APPLICATION } from './repair.case-type';
import { RepairFacts } from './repair-facts';

/** The application's ends other than approval, and why its commitment lapses with each. */
const LAPSES = {
  RepairApplicationWithdrawn: 'application_withdrawn',
  RepairApplicationRefused: 'application_not_accepted',
  RepairRejected: 'application_rejected',
  RepairSupplementWindowElapsed: 'application_closed',
} as const satisfies Partial<Record<RepairEvent['type'], LapseReason>>;

/** The events of an application its commitment follows: a new commitment in the draft, approval, or another end. */
type Followed = EventOf<RepairEvent, 'RepairDraftUpdated' | 'RepairApproved' | keyof typeof LAPSES>;

/** A breach's request to revoke the decision that relied on the commitment. */
type RevocationRequested = EventOf<CommitmentEvent, 'LinkedDecisionRevocationRequested'>;

/** What a revocation for a broken commitment cites when the breach names no basis: Order 36, whose repair requires
 * the public commitment. */
const BROKEN_COMMITMENT_BASIS = '《信用修复管理办法》（国家发展和改革委员会令第36号）';

/**
 * The repair commitment follows its application (DOMAIN §3, §5): it takes effect when the repair is approved (the
 * promise is what the approval relies on), and lapses when the application ends any other way or the draft's
 * commitment is replaced, since nothing relied on it.
 */
@Injectable()
export class RepairCommitmentFollowsApplication implements Reaction<Followed> {
  readonly name = 'repair-commitment-follows-application';
  readonly streamTypes = [REPAIR_APPLICATION];
  readonly eventTypes: Followed['type'][] = [
    'RepairDraftUpdated',
    'RepairApproved',
    'RepairApplicationWithdrawn',
    'RepairApplicationRefused',
    'RepairRejected',
    'RepairSupplementWindowElapsed',
  ];

  constructor(
    private readonly engine: CaseEngine,
    private readonly commitments: RepairCommitments,
  ) {}

  async react(event: RecordedEventOf<Followed>, tx: Sql): Promise<ReactionCommand[]> {
    const caseId = event.streamId.slice(REPAIR_APPLICATION.length + 1);
    if (event.type === 'RepairDraftUpdated') {
      const replaced = event.data.replacesCommitment;
      return replaced ? [this.commitments.lapse(replaced, 'replaced', caseId)] : [];
    }
    const loaded = await this.engine.load(REPAIR_APPLICATION, caseId, SYSTEM_ACTOR, {}, tx);
    const c = loaded.snapshot.context as RepairContext;
    if (!c.commitment?.caseId) return [];
    if (event.type !== 'RepairApproved')
      return [this.commitments.lapse(c.commitment.caseId, LAPSES[event.type], caseId)];
    return [
      await this.commitments.takeEffect(
        c.commitment.caseId,
        c.record!.authorityPath,
        beijingDateOf(event.recordedAt),
        {
          caseId,
          caseNumber: c.caseNumber,
        },
      ),
    ];
  }
}

/**
 * A broken repair commitment revokes the repair (DOMAIN §5: the decision relying on the promise is revoked): the
 * commitment's breach asks for it (`LinkedDecisionRevocationRequested`), and the system revokes the approval on
 * ground `commitment_broken`, with the breach's findings, the configured ban and the commitment named. The record is
 * then published again by the repair's own reaction. An application no longer approved (already revoked) refuses,
 * and the refusal is kept where the commitment's view shows it.
 */
@Injectable()
export class RepairCommitmentBreachRevokes implements Reaction<RevocationRequested> {
  readonly name = 'repair-commitment-breach-revokes';
  readonly streamTypes = [COMMITMENT];
  readonly eventTypes = ['LinkedDecisionRevocationRequested'] as const;

  constructor(
    private readonly engine: CaseEngine,
    private readonly facts: RepairFacts,
  ) {}

  async react(event: RecordedEventOf<RevocationRequested>, tx: Sql): Promise<ReactionCommand[]> {
    const linked = event.data.linked;
    if (linked?.kind !== 'repair_application') return [];
    // Only the subject's own repair, granted by the commitment's authority, falls with its commitment: a link
    // signed before links were checked may name someone else's application, which is left alone.
    if (!(await this.sameSubjectAndAuthority(linked.reference, event.streamId, tx))) return [];
    const loaded = await this.engine.load(REPAIR_APPLICATION, linked.reference, SYSTEM_ACTOR, {}, tx);
    const c = loaded.snapshot.context as RepairContext;
    const { breach, commitmentCaseNumber } = event.data;
    const revocation = await this.facts.revocation(c.record!.authorityPath, {
      ground: 'commitment_broken',
      reasons: [
        `违反信用修复承诺（${commitmentCaseNumber}）${breach.findings ? `：${breach.findings}` : ''}`,
      ],
      legalBasis: breach.legalBasis ?? BROKEN_COMMITMENT_BASIS,
    });
    return [
      {
        caseType: REPAIR_APPLICATION,
        caseId: linked.reference,
        eventType: 'RepairApprovalRevoked',
        data: {
          ...revocation,
          commitment: {
            caseId: event.streamId.slice(COMMITMENT.length + 1),
            caseNumber: commitmentCaseNumber,
            breachEventId: event.data.breachEventId,
          },
        },
      },
    ];
  }

  private async sameSubjectAndAuthority(applicationId: string, commitmentStream: string, tx: Sql) {
    const { rowCount } = await tx.query(
      `SELECT 1 FROM repair_applications r
         JOIN commitments c ON c.subject_code = r.subject_code AND c.authority_code = r.authority_code
        WHERE r.id = $1::uuid AND c.id = $2::uuid`,
      [applicationId, commitmentStream.slice(COMMITMENT.length + 1)],
    );
    return rowCount === 1;
  }
}
