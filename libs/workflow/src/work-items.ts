import { Injectable } from '@nestjs/common';
import { Database, type BilingualText } from '@credence/shared';
import type { WorkflowActor } from './case-event';

export interface WorkItem {
  caseId: string;
  type: string;
  state: string[];
  stateLabel: BilingualText;
  title: string;
  subjectCode: string;
  subjectName: string;
  authorityCode: string;
  version: number;
  updatedAt: string;
}

/**
 * Work queues, derived from the machines' state meta (`workItem.roles`) that the engine copies to the case row:
 * the active cases of the actor's own authority waiting for the actor's role.
 */
@Injectable()
export class WorkItems {
  constructor(private readonly db: Database) {}

  async for(
    actor: WorkflowActor,
    filter: { type?: string; page: number; pageSize: number },
  ): Promise<{ items: WorkItem[]; total: number }> {
    // Only staff who act for an authority have queues; an admin sees every authority's.
    if (
      actor.role !== 'admin' &&
      (actor.authorityCode === null || !['officer', 'senior_reviewer'].includes(actor.role))
    ) {
      return { items: [], total: 0 };
    }
    const params: unknown[] = [
      actor.role === 'admin' ? null : actor.role,
      actor.role === 'admin' ? null : actor.authorityCode,
      filter.type ?? null,
    ];
    const { rows } = await this.db.query<{
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
      total: string;
    }>(
      `SELECT id, type, state, state_label_zh, state_label_en, title, subject_code, subject_name, authority_code, version,
              updated_at, count(*) OVER () AS total
         FROM cases
        WHERE status = 'active' AND work_roles <> '{}'
          AND ($1::text IS NULL OR $1::text = ANY (work_roles))
          AND ($2::text IS NULL OR authority_code = $2::text)
          AND ($3::text IS NULL OR type = $3::text)
        ORDER BY updated_at, id LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`,
      params,
    );
    return {
      total: rows.length ? Number(rows[0].total) : 0,
      items: rows.map((r) => ({
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
      })),
    };
  }
}
