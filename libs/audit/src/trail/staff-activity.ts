import { Injectable } from '@nestjs/common';
import { Database, NotFoundError, type BilingualText } from '@credence/shared';
import { canSeeAuthority, visibilityFilter, type ActorScope } from '@credence/identity';
import { DecisionSearch, type DecisionPage } from './decision-search';
import { isUuid } from './names';

export interface StaffActivity {
  account: {
    id: string;
    username: string;
    displayName: string;
    role: string;
    authorityCode: string | null;
  };
  from: string | null;
  to: string | null;
  /** Steps taken in the period, within the reader's scope. */
  total: number;
  /** Distinct cases those steps touched. */
  cases: number;
  byAction: { action: string | null; eventType: string; label: BilingualText; count: number }[];
  steps: DecisionPage;
}

/** What one member of staff did in a period, as far as the reader's scope reaches. */
@Injectable()
export class StaffActivityReport {
  constructor(
    private readonly db: Database,
    private readonly search: DecisionSearch,
  ) {}

  async of(
    accountId: string,
    range: { from?: Date; to?: Date },
    page: number,
    pageSize: number,
    reader: ActorScope,
  ): Promise<StaffActivity> {
    const account = await this.accountOf(accountId);
    // Staff of an authority outside the reader's subtree are not the reader's to know about (404, as for cases).
    if (
      !account ||
      (account.authority_code !== null &&
        !canSeeAuthority(reader, account.authority_code, account.path ?? ''))
    )
      throw new NotFoundError({ zh: '工作人员', en: 'Staff member' }, { accountId });
    const params: unknown[] = [account.id, range.from ?? null, range.to ?? null];
    const visible = visibilityFilter(reader, 'd', params.length);
    params.push(...visible.params);
    const { rows } = await this.db.query<{
      action: string | null;
      event_type: string | null;
      zh: string;
      en: string;
      n: string;
      cases: string;
    }>(
      `SELECT d.action, d.event_type, min(d.action_label_zh) AS zh, min(d.action_label_en) AS en, count(*) AS n,
              count(DISTINCT d.case_id) AS cases
         FROM audit_decisions d
        WHERE d.actor_id = $1 AND ($2::timestamptz IS NULL OR d.recorded_at >= $2)
          AND ($3::timestamptz IS NULL OR d.recorded_at < $3) AND ${visible.sql}
        GROUP BY GROUPING SETS ((d.action, d.event_type), ())
        ORDER BY count(*) DESC`,
      params,
    );
    const overall = rows.find((r) => r.event_type === null);
    const byAction = rows
      .flatMap((r) => (r.event_type === null ? [] : [{ ...r, event_type: r.event_type }]))
      .map((r) => ({
        action: r.action,
        eventType: r.event_type,
        label: { zh: r.zh, en: r.en },
        count: Number(r.n),
      }));
    return {
      account: {
        id: account.id,
        username: account.username,
        displayName: account.display_name,
        role: account.role,
        authorityCode: account.authority_code,
      },
      from: range.from?.toISOString() ?? null,
      to: range.to?.toISOString() ?? null,
      total: Number(overall?.n ?? 0),
      cases: Number(overall?.cases ?? 0),
      byAction,
      steps: await this.search.search({ actor: account.id, ...range }, page, pageSize, reader),
    };
  }

  private async accountOf(id: string) {
    if (!isUuid(id)) return null;
    const { rows } = await this.db.query<{
      id: string;
      username: string;
      display_name: string;
      role: string;
      authority_code: string | null;
      path: string | null;
    }>(
      `SELECT a.id::text AS id, a.username, a.display_name, a.role, a.authority_code, au.path
         FROM accounts a LEFT JOIN authorities au ON au.code = a.authority_code WHERE a.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }
}
