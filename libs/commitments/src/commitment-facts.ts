import { PolicyService } from '@credence/identity';
import { Injectable } from '@nestjs/common';
import { AuthorityPolicies, type AppliedPolicy } from '@credence/authority-policies';
import { FileStore } from '@credence/materials';
import {
  addDays,
  beijingDateOf,
  Clock,
  Database,
  type Sql,
  startOfBeijingDay,
  type SubjectType,
} from '@credence/shared';
import type { WorkflowActor } from '@credence/workflow';
import { appliedPolicy } from './applied-policy';
import { LinkedDecisionNotFoundError, UnknownAuthorityError } from './commitment.errors';
import type {
  CommitmentAuthority,
  CommitmentSubject,
  CommitmentType,
  FastTrack,
  SuppliedMaterial,
} from './domain/commitment';
import type { CheckDue } from './domain/commitment.machine';
import { fastTrackEligibility, type FastTrackAnswer } from './domain/fast-track';
import { SubjectCredit } from './subject-credit';

/** A fast-track answer as a decision records it: the tracks, the grade snapshot and the setting that applied. */
export interface FastTrackDecision {
  subjectCode: string;
  authority: CommitmentAuthority;
  answer: FastTrackAnswer;
  policy: AppliedPolicy<'fast-track.policy'>;
}

/** The event data a fast-track decision stores (`gradeSnapshot` at the top level is what the audit trail shows). */
export function fastTrackEvidence(decision: FastTrackDecision, track: FastTrack): Record<string, unknown> {
  const answer = decision.answer.tracks[track];
  return {
    eligibility: { track, allowed: answer.allowed, reasons: answer.reasons },
    deadlineReductionPercent: decision.answer.deadlineReductionPercent,
    gradeSnapshot: decision.answer.snapshot,
    fastTrackPolicy: appliedPolicy(decision.policy),
  };
}

/** 24:00 Beijing of a due date: the instant it has passed (a promise kept on the last day is kept). */
export function checkDueOf(date: string): CheckDue {
  return { date, at: startOfBeijingDay(addDays(date, 1)).toISOString() };
}

/**
 * The facts a commitment decision needs from outside its own stream — the authority, the subject's grades, lists
 * and standing records, the authority's settings, the files delivered, declared relations — read here so the
 * machine stays pure. What was read goes into the event.
 */
@Injectable()
export class CommitmentFacts {
  constructor(
    private readonly related: PolicyService,
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly policies: AuthorityPolicies,
    private readonly credit: SubjectCredit,
    private readonly files: FileStore,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  today(): string {
    return beijingDateOf(this.clock.now());
  }

  async authority(code: string): Promise<CommitmentAuthority> {
    const { rows } = await this.db.query<{ name_zh: string; path: string }>(
      'SELECT name_zh, path FROM authorities WHERE code = $1',
      [code],
    );
    if (!rows[0]) throw new UnknownAuthorityError(code);
    return { code, path: rows[0].path, name: rows[0].name_zh };
  }

  /** The applicant's own subject, as its account names it. */
  async subjectOf(actor: WorkflowActor): Promise<CommitmentSubject> {
    const { rows } = await this.db.query<{
      subject_type: SubjectType;
      subject_code: string;
      subject_name: string;
    }>(
      `SELECT subject_type, subject_code, subject_name FROM accounts WHERE id::text = $1 AND subject_code IS NOT NULL`,
      [actor.id],
    );
    const row = rows[0];
    if (!row) throw new Error(`applicant ${actor.id} has no subject`);
    return { type: row.subject_type, code: row.subject_code, name: row.subject_name };
  }

  /** Which fast tracks the subject may use at the authority for the matter today, and why. */
  async fastTrack(
    subjectCode: string,
    authority: CommitmentAuthority,
    matter: string | null,
  ): Promise<FastTrackDecision> {
    const on = this.today();
    const [facts, policy] = await Promise.all([
      this.credit.factsOn(subjectCode, on),
      this.policies.get('fast-track.policy', authority.path, on),
    ]);
    return {
      subjectCode,
      authority,
      answer: fastTrackEligibility({ on, matter, ...facts, policy: policy.value }),
      policy,
    };
  }

  /**
   * When the fulfilment check is due once the commitment takes effect: for 容缺 the promised date, otherwise the
   * matter's check period in calendar days (default 60), the day it takes effect (`from`, today unless said) not
   * counted (Civil Code Art. 201).
   */
  async checkDue(
    type: CommitmentType,
    promisedBy: string | null,
    authorityPath: string,
    matter: string | null,
    from = this.today(),
  ): Promise<{
    checkDue: CheckDue;
    checkDaysPolicy: Record<string, unknown> | null;
    checkDays: number | null;
  }> {
    if (type === 'missing_materials')
      return { checkDue: checkDueOf(promisedBy!), checkDaysPolicy: null, checkDays: null };
    const policy = await this.policies.get('commitment.check-days', authorityPath, from);
    const days = (matter !== null ? policy.value.matters[matter] : undefined) ?? policy.value.defaultDays;
    return {
      checkDue: checkDueOf(addDays(from, days)),
      checkDaysPolicy: appliedPolicy(policy),
      checkDays: days,
    };
  }

  /** The files delivered against promised items, each with the digest of its bytes. */
  async materials(
    delivered: { fileId: string; item: string }[],
    actor: WorkflowActor,
  ): Promise<SuppliedMaterial[]> {
    const files = await this.files.attach(
      delivered.map((d) => d.fileId),
      actor,
      this.clock.now(),
    );
    return files.map((file, i) => ({ item: delivered[i].item, ...file }));
  }

  /**
   * A repair application a commitment is linked to must be the subject's own, on a record of the authority the
   * commitment is made to (谁认定、谁修复): its breach revokes that repair, so a link to another subject's application
   * would revoke someone else's repair. 404 otherwise.
   */
  async requireOwnApplication(
    reference: string,
    subject: { code: string },
    authority: { code: string },
    tx?: Sql,
  ): Promise<void> {
    const { rowCount } = await (tx ?? this.db).query(
      `SELECT 1 FROM repair_applications WHERE id = $1::uuid AND subject_code = $2 AND authority_code = $3`,
      [reference, subject.code, authority.code],
    );
    if (!rowCount) throw new LinkedDecisionNotFoundError(reference);
  }

  /** 回避: has the staff member declared a relation to the subject? */
  isRelated(accountId: string, subjectCode: string): Promise<boolean> {
    return this.related.isRelated(accountId, subjectCode);
  }
}

/** A fast-track answer as the API shows it: which tracks, why, the snapshot it read and the setting it applied. */
export function fastTrackView(decision: FastTrackDecision) {
  return {
    subjectCode: decision.subjectCode,
    authority: decision.authority,
    on: decision.answer.snapshot.on,
    matter: decision.answer.snapshot.matter,
    tracks: decision.answer.tracks,
    deadlineReductionPercent: decision.answer.deadlineReductionPercent,
    gradeSnapshot: decision.answer.snapshot,
    policy: appliedPolicy(decision.policy),
  };
}
