import { Injectable } from '@nestjs/common';
import { beijingDateOf, Clock, Database, DomainError, type BilingualText } from '@credence/shared';
import { StatutoryTime } from '@credence/working-calendar';
import type { WorkflowActor } from '../case-event';
import type { RequestOrigin } from '../case-command';
import { duesOf, type WorkItem, type WorkItemDue } from '../work-items';
import { Workbench } from './workbench';
import { WorkbenchAccess } from './workbench-access';

export type QueueView = 'mine' | 'unclaimed' | 'role' | 'delegated' | 'signing' | 'copied' | 'all';

/** A work item with who holds it. */
export interface QueueItem extends WorkItem {
  holderId: string | null;
  delegateId: string | null;
  pendingSigners: number;
  lastUrgedOn: string | null;
}

export interface QueueFilter {
  view?: QueueView;
  type?: string;
  due?: 'soon' | 'overdue';
  sort?: 'due' | 'follow-up';
  page: number;
  pageSize: number;
}

/** One item of a bulk operation: done (with the case's new version) or refused (with the refusal). */
export interface BulkResult {
  caseId: string;
  ok: boolean;
  version?: number;
  error?: { code: string; status: number; message: BilingualText };
}

const STAFF = ['officer', 'senior_reviewer'];

/**
 * The reviewer's queue (待办) by view — mine (held by me, or by someone I deputise for today when I may take it), unclaimed (my
 * role's, nobody holds it), role (all of my role's), delegated to me, waiting for my signature, copied to me —
 * read from the indexed `case_work` row beside the case row; bulk claim and transfer; workload per person.
 */
@Injectable()
export class WorkQueue {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly workbench: Workbench,
    private readonly access: WorkbenchAccess,
    private readonly statutoryTime: StatutoryTime,
  ) {}

  async list(actor: WorkflowActor, filter: QueueFilter): Promise<{ items: QueueItem[]; total: number }> {
    // An admin oversees every authority's queue: they hold no cases, so no view of their own — all the work.
    const admin = actor.role === 'admin';
    if (!admin && (!STAFF.includes(actor.role) || !actor.authorityCode)) return { items: [], total: 0 };
    const view = admin ? 'all' : (filter.view ?? 'role');
    const now = this.clock.now();
    const deputised = view === 'mine' ? await this.deputisedFor(actor, beijingDateOf(now)) : [];
    const conditions: Record<QueueView, string> = {
      mine: `(w.holder_id = me.id OR c.id = ANY (me.deputised))`,
      unclaimed: `w.holder_id IS NULL AND me.role = ANY (c.work_roles)`,
      role: `me.role = ANY (c.work_roles)`,
      delegated: `w.delegate_id = me.id`,
      signing: `me.id = ANY (w.pending_signers)`,
      copied: `me.id = ANY (w.copied_to)`,
      all: `true`,
    };
    // Copies stay readable once the case is done; the other views are work still to do.
    const active = view === 'copied' ? 'true' : `c.status = 'active' AND c.work_roles <> '{}'`;
    const order =
      filter.sort === 'follow-up'
        ? `w.last_urged_on DESC NULLS LAST, k.due_at NULLS LAST, c.id`
        : `k.due_at NULLS LAST, c.updated_at, c.id`;
    const { rows } = await this.db.query<Row>(
      // Every parameter is typed once in \`me\`, so each view may use only those it needs.
      `WITH me AS (SELECT $1::uuid AS id, $2::text AS role, $6::date AS today, $8::uuid[] AS deputised)
       SELECT c.id, c.type, c.state, c.state_label_zh, c.state_label_en, c.title, c.subject_code, c.subject_name,
              c.authority_code, c.version, c.updated_at, k.due_at, k.due_soon_at, k.provisional,
              w.holder_id, w.delegate_id, coalesce(cardinality(w.pending_signers), 0) AS pending_signers,
              w.last_urged_on::text AS last_urged_on, count(*) OVER () AS total
         FROM me, cases c
         LEFT JOIN case_work w ON w.case_id = c.id
         LEFT JOIN LATERAL (SELECT due_at, due_soon_at, provisional FROM case_clocks
                             WHERE case_id = c.id AND status = 'running' ORDER BY due_at LIMIT 1) k ON true
        WHERE ${active} AND ($3::text IS NULL OR c.authority_code = $3::text) AND ${conditions[view]}
          AND ($4::text IS NULL OR c.type = $4::text)
          AND ($5::text IS NULL OR ($5::text = 'overdue' AND k.due_at <= $7)
               OR ($5::text = 'soon' AND k.due_soon_at <= $7 AND k.due_at > $7))
        ORDER BY ${order} LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`,
      [
        actor.id,
        actor.role,
        admin ? null : actor.authorityCode,
        filter.type ?? null,
        filter.due ?? null,
        beijingDateOf(now),
        now,
        deputised,
      ],
    );
    const dues = await duesOf(this.db, await this.statutoryTime.snapshot(), now, rows);
    return {
      total: rows.length ? Number(rows[0].total) : 0,
      items: rows.map((r) => itemOf(r, dues.get(r.id) ?? null)),
    };
  }

  /**
   * The items of colleagues the actor deputises for today (委托) that the actor may take: each is asked of its
   * machine, since a deputy is still refused a step they may not take (four eyes, 回避). One load per such item —
   * an absent colleague's inbox — on the "mine" view only.
   */
  private async deputisedFor(actor: WorkflowActor, today: string): Promise<string[]> {
    const { rows } = await this.db.query<{ case_id: string }>(
      `SELECT w.case_id FROM case_work w JOIN cases c ON c.id = w.case_id
        WHERE c.status = 'active' AND c.authority_code = $2 AND w.holder_id IN (SELECT account_id
              FROM account_deputies WHERE deputy_id = $1 AND from_date <= $3::date AND to_date >= $3::date)`,
      [actor.id, actor.authorityCode, today],
    );
    const mayTake = await Promise.all(rows.map((r) => this.access.mayTake(r.case_id, actor)));
    return rows.filter((_, i) => mayTake[i]).map((r) => r.case_id);
  }

  /** Workload per person of the leader's authority: items held, delegated to, awaiting their signature, overdue. */
  async workload(actor: WorkflowActor) {
    if (actor.role !== 'senior_reviewer' || !actor.authorityCode)
      throw new DomainError({
        code: 'WORKBENCH.LEADERS_ONLY',
        status: 403,
        message: {
          zh: '只有审核负责人可以查看本单位人员的工作量',
          en: "Only senior reviewers see their authority's workload",
        },
      });
    const { rows } = await this.db.query<{
      id: string;
      display_name: string;
      role: string;
      held: string;
      delegated: string;
      signing: string;
      overdue: string;
    }>(
      `SELECT a.id, a.display_name, a.role,
              count(*) FILTER (WHERE w.holder_id = a.id) AS held,
              count(*) FILTER (WHERE w.delegate_id = a.id) AS delegated,
              count(*) FILTER (WHERE a.id = ANY (w.pending_signers)) AS signing,
              count(*) FILTER (WHERE w.holder_id = a.id AND EXISTS (SELECT 1 FROM case_clocks k
                 WHERE k.case_id = c.id AND k.status = 'running' AND k.due_at <= $2)) AS overdue
         FROM accounts a
         LEFT JOIN case_work w ON a.id = w.holder_id OR a.id = w.delegate_id OR a.id = ANY (w.pending_signers)
         LEFT JOIN cases c ON c.id = w.case_id AND c.status = 'active'
        WHERE a.authority_code = $1 AND a.active AND a.role IN ('officer', 'senior_reviewer')
          AND (w.case_id IS NULL OR c.id IS NOT NULL)
        GROUP BY a.id ORDER BY a.display_name, a.id`,
      [actor.authorityCode, this.clock.now()],
    );
    return rows.map((r) => ({
      accountId: r.id,
      displayName: r.display_name,
      role: r.role,
      held: Number(r.held),
      delegatedToThem: Number(r.delegated),
      awaitingTheirSignature: Number(r.signing),
      overdue: Number(r.overdue),
    }));
  }

  /** 批量认领: each case claimed on its own (one refused does not stop the others). */
  bulkClaim(actor: WorkflowActor, origin: RequestOrigin, caseIds: string[]): Promise<BulkResult[]> {
    return this.each(caseIds, (id) => this.workbench.claim(id, actor, origin));
  }

  /** 批量转办 to one colleague, per case. */
  bulkTransfer(
    actor: WorkflowActor,
    origin: RequestOrigin,
    caseIds: string[],
    to: string,
    reason: string,
  ): Promise<BulkResult[]> {
    return this.each(caseIds, (id) => this.workbench.transfer(id, actor, origin, to, reason));
  }

  private async each(
    caseIds: string[],
    run: (id: string) => Promise<{ version: number }>,
  ): Promise<BulkResult[]> {
    const results: BulkResult[] = [];
    for (const caseId of [...new Set(caseIds)]) {
      try {
        results.push({ caseId, ok: true, version: (await run(caseId)).version });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        results.push({
          caseId,
          ok: false,
          error: { code: error.code, status: error.status, message: error.bilingual },
        });
      }
    }
    return results;
  }
}

interface Row {
  id: string;
  type: string;
  state: string[];
  state_label_zh: string;
  state_label_en: string;
  title: string;
  subject_code: string;
  subject_name: string;
  authority_code: string;
  version: number;
  updated_at: Date;
  due_at: Date | null;
  due_soon_at: Date | null;
  provisional: boolean | null;
  holder_id: string | null;
  delegate_id: string | null;
  pending_signers: number;
  last_urged_on: string | null;
  total: string;
}

function itemOf(r: Row, due: WorkItemDue | null): QueueItem {
  return {
    caseId: r.id,
    type: r.type,
    state: r.state,
    stateLabel: { zh: r.state_label_zh, en: r.state_label_en },
    title: r.title,
    subjectCode: r.subject_code,
    subjectName: r.subject_name,
    authorityCode: r.authority_code,
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
    due,
    holderId: r.holder_id,
    delegateId: r.delegate_id,
    pendingSigners: Number(r.pending_signers),
    lastUrgedOn: r.last_urged_on,
  };
}
