import { Injectable } from '@nestjs/common';
import type { CreditGrade } from '@credence/authority-policies';
import type { Actor } from '@credence/identity';
import {
  beijingDateOf,
  Clock,
  Database,
  isValidResidentId,
  isValidUscc,
  NotFoundError,
  uuidv7,
  type Sql,
} from '@credence/shared';
import { CommitmentContentError, SubjectCodeInvalidError, UnknownAuthorityError } from './commitment.errors';
import type { GradeFact, ListFact, ListKind, StandingRecordFact } from './domain/fast-track';

/** Record statuses in which a finding still stands: not repaired, expired or removed (shielded is only hidden). */
export const STANDING_STATUSES = ['published', 'repairable', 'shielded'] as const;

export interface GradeInput {
  grade: CreditGrade;
  /** The evaluation scheme, e.g. `highway-construction` (公路施工企业信用评价). */
  scheme: string;
  evaluatedOn: string;
  validUntil?: string | null;
  /** The evaluation result's document or notice. */
  reference?: string | null;
  subjectName?: string | null;
  /** Admins only: the authority that made the evaluation (staff record for their own). */
  authorityCode?: string | null;
}

export interface ListEntryInput {
  list: ListKind;
  validFrom: string;
  validUntil: string;
  reason: string;
  reference?: string | null;
  subjectName?: string | null;
  authorityCode?: string | null;
}

export interface GradeRow extends GradeFact {
  subjectCode: string;
  subjectName: string | null;
  reference: string | null;
  authorityCode: string | null;
  recordedBy: string;
  recordedAt: string;
}

export interface ListEntryRow extends ListFact {
  subjectCode: string;
  subjectName: string | null;
  reason: string;
  authorityCode: string | null;
  recordedBy: string;
  recordedAt: string;
  /** In force today. */
  active?: boolean;
}

/** The credit facts about a subject that the fast tracks read, as they stood on one day. */
export interface SubjectCreditFacts {
  grades: GradeFact[];
  lists: ListFact[];
  unrepairedBreaches: StandingRecordFact[];
  seriousListRecords: StandingRecordFact[];
}

const GRADE_COLUMNS = `id::text, subject_code, subject_name, grade, scheme, to_char(evaluated_on, 'YYYY-MM-DD') AS evaluated_on,
  to_char(valid_until, 'YYYY-MM-DD') AS valid_until, reference, authority_code, recorded_by, recorded_at`;
const LIST_COLUMNS = `id::text, subject_code, subject_name, list, to_char(valid_from, 'YYYY-MM-DD') AS valid_from,
  to_char(valid_until, 'YYYY-MM-DD') AS valid_until, reason, reference, authority_code, recorded_by, recorded_at`;

interface GradeDbRow {
  id: string;
  subject_code: string;
  subject_name: string | null;
  grade: CreditGrade;
  scheme: string;
  evaluated_on: string;
  valid_until: string | null;
  reference: string | null;
  authority_code: string | null;
  recorded_by: string;
  recorded_at: Date;
}

interface ListDbRow {
  id: string;
  subject_code: string;
  subject_name: string | null;
  list: ListKind;
  valid_from: string;
  valid_until: string;
  reason: string;
  reference: string | null;
  authority_code: string | null;
  recorded_by: string;
  recorded_at: Date;
}

/** A subject code with valid check characters (USCC, GB 32100-2015, or resident ID, GB 11643-1999), else 400. */
export function requireSubjectCode(code: string): string {
  if (!isValidUscc(code) && !isValidResidentId(code)) throw new SubjectCodeInvalidError();
  return code;
}

/** Staff of any authority read a subject's grades and lists (they decide by them); an applicant only its own. */
export function requireMaySeeSubject(actor: Actor, subjectCode: string): void {
  if (actor.role === 'applicant' && actor.subjectCode !== subjectCode)
    throw new NotFoundError({ zh: '信用主体', en: 'Subject' }, { subjectCode });
}

/**
 * Credit grades (AA–D, from the evaluation system, with scheme and date) and list entries (red, black, key
 * attention, each with its validity), recorded by staff of an authority. Both are history: a new evaluation or entry
 * is a new row, so any decision's snapshot can be traced to the rows it saw.
 */
@Injectable()
export class SubjectCredit {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return beijingDateOf(this.clock.now());
  }

  async recordGrade(subjectCode: string, input: GradeInput, actor: Actor): Promise<GradeRow> {
    const today = this.today();
    if (input.evaluatedOn > today)
      throw new CommitmentContentError(
        'EVALUATION_IN_FUTURE',
        `评价日期${input.evaluatedOn}晚于今天`,
        `The evaluation date ${input.evaluatedOn} is after today`,
      );
    if (input.validUntil && input.validUntil < input.evaluatedOn)
      throw new CommitmentContentError(
        'VALIDITY_BEFORE_START',
        '有效期截止日早于评价日期',
        'The grade is valid until a day before its evaluation',
      );
    const authority = await this.recordingAuthority(actor, input.authorityCode);
    const { rows } = await this.db.query<GradeDbRow>(
      `INSERT INTO subject_grades (id, subject_code, subject_name, grade, scheme, evaluated_on, valid_until, reference,
                                   authority_code, authority_path, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${GRADE_COLUMNS}`,
      [
        uuidv7(this.clock.now()),
        subjectCode,
        input.subjectName?.trim() || null,
        input.grade,
        input.scheme.trim(),
        input.evaluatedOn,
        input.validUntil ?? null,
        input.reference?.trim() || null,
        authority?.code ?? null,
        authority?.path ?? null,
        actor.id,
        this.clock.now(),
      ],
    );
    return gradeOf(rows[0]);
  }

  async recordListEntry(subjectCode: string, input: ListEntryInput, actor: Actor): Promise<ListEntryRow> {
    if (input.validUntil < input.validFrom)
      throw new CommitmentContentError(
        'VALIDITY_BEFORE_START',
        '有效期截止日早于起始日',
        'The entry is valid until a day before it starts',
      );
    const authority = await this.recordingAuthority(actor, input.authorityCode);
    const { rows } = await this.db.query<ListDbRow>(
      `INSERT INTO subject_list_entries (id, subject_code, subject_name, list, valid_from, valid_until, reason, reference,
                                         authority_code, authority_path, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${LIST_COLUMNS}`,
      [
        uuidv7(this.clock.now()),
        subjectCode,
        input.subjectName?.trim() || null,
        input.list,
        input.validFrom,
        input.validUntil,
        input.reason.trim(),
        input.reference?.trim() || null,
        authority?.code ?? null,
        authority?.path ?? null,
        actor.id,
        this.clock.now(),
      ],
    );
    return this.withActive(listEntryOf(rows[0]));
  }

  /** Every grade of the subject, newest evaluation first. */
  async grades(subjectCode: string, tx: Sql = this.db): Promise<GradeRow[]> {
    const { rows } = await tx.query<GradeDbRow>(
      `SELECT ${GRADE_COLUMNS} FROM subject_grades WHERE subject_code = $1 ORDER BY evaluated_on DESC, id DESC`,
      [subjectCode],
    );
    return rows.map(gradeOf);
  }

  /** Every list entry of the subject, with whether it is in force today. */
  async listEntries(subjectCode: string): Promise<ListEntryRow[]> {
    const { rows } = await this.db.query<ListDbRow>(
      `SELECT ${LIST_COLUMNS} FROM subject_list_entries WHERE subject_code = $1 ORDER BY valid_from DESC, id DESC`,
      [subjectCode],
    );
    return rows.map((r) => this.withActive(listEntryOf(r)));
  }

  /** What the fast-track rules read about the subject on a day. */
  async factsOn(subjectCode: string, on: string, tx: Sql = this.db): Promise<SubjectCreditFacts> {
    const [grades, lists, breaches, serious] = await Promise.all([
      this.grades(subjectCode, tx),
      tx.query<ListDbRow>(
        `SELECT ${LIST_COLUMNS} FROM subject_list_entries
          WHERE subject_code = $1 AND valid_from <= $2::date AND valid_until >= $2::date ORDER BY list, valid_from`,
        [subjectCode, on],
      ),
      // A breach bars the fast tracks until its 违诺 record is repaired or expires; while the record is not yet
      // registered (a moment after the breach) the breach itself bars them.
      tx.query<{
        case_number: string;
        record_id: string | null;
        decision_number: string | null;
        status: string;
      }>(
        `SELECT c.case_number, c.breach_record_id::text AS record_id, c.breach_decision_number AS decision_number,
                COALESCE(r.status, 'pending') AS status
           FROM commitments c LEFT JOIN credit_records r ON r.id = c.breach_record_id
          WHERE c.subject_code = $1 AND c.outcome = 'breached'
            AND (c.breach_record_id IS NULL OR r.status = ANY($2::text[]))
          ORDER BY c.outcome_at`,
        [subjectCode, STANDING_STATUSES],
      ),
      tx.query<{ id: string; decision_number: string; status: string }>(
        `SELECT id::text, decision_number, status FROM credit_records
          WHERE subject_code = $1 AND kind = 'serious_list' AND status = ANY($2::text[]) ORDER BY decision_date`,
        [subjectCode, STANDING_STATUSES],
      ),
    ]);
    return {
      grades: grades.map(({ id, grade, scheme, evaluatedOn, validUntil }) => ({
        id,
        grade,
        scheme,
        evaluatedOn,
        validUntil,
      })),
      lists: lists.rows.map((r) => {
        const { id, list, validFrom, validUntil, reference } = listEntryOf(r);
        return { id, list, validFrom, validUntil, reference };
      }),
      unrepairedBreaches: breaches.rows.map((r) => ({
        recordId: r.record_id,
        decisionNumber: r.decision_number,
        status: r.status,
        commitmentCaseNumber: r.case_number,
      })),
      seriousListRecords: serious.rows.map((r) => ({
        recordId: r.id,
        decisionNumber: r.decision_number,
        status: r.status,
      })),
    };
  }

  /** Staff record for their own authority; an admin for the authority named, or for none (the evaluation system). */
  private async recordingAuthority(
    actor: Actor,
    authorityCode: string | null | undefined,
  ): Promise<{ code: string; path: string } | null> {
    const code = actor.role === 'admin' ? (authorityCode ?? null) : actor.authorityCode;
    if (code === null) return null;
    const { rows } = await this.db.query<{ path: string }>('SELECT path FROM authorities WHERE code = $1', [
      code,
    ]);
    if (!rows[0]) throw new UnknownAuthorityError(code);
    return { code, path: rows[0].path };
  }

  private withActive(entry: ListEntryRow): ListEntryRow {
    const today = this.today();
    return { ...entry, active: entry.validFrom <= today && today <= entry.validUntil };
  }
}

function gradeOf(r: GradeDbRow): GradeRow {
  return {
    id: r.id,
    subjectCode: r.subject_code,
    subjectName: r.subject_name,
    grade: r.grade,
    scheme: r.scheme,
    evaluatedOn: r.evaluated_on,
    validUntil: r.valid_until,
    reference: r.reference,
    authorityCode: r.authority_code,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at.toISOString(),
  };
}

function listEntryOf(r: ListDbRow): ListEntryRow {
  return {
    id: r.id,
    subjectCode: r.subject_code,
    subjectName: r.subject_name,
    list: r.list,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    reason: r.reason,
    reference: r.reference,
    authorityCode: r.authority_code,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at.toISOString(),
  };
}
