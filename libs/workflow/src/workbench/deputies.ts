import { Injectable } from '@nestjs/common';
import { Clock, Database, DomainError, NotFoundError } from '@credence/shared';
import type { WorkflowActor } from '../case-event';

export interface Deputy {
  accountId: string;
  deputyId: string;
  from: string;
  to: string;
  reason: string | null;
}

/**
 * 委托: an absent reviewer's work goes to a named deputy for a date range (Beijing dates, both included) — the
 * items already held too, since holding is resolved through the deputy at the time of each action. The deputy is a
 * colleague of the same authority and role; each item still passes its own checks when the deputy acts (回避,
 * four eyes: the machine refuses the recommender's decision whoever's deputy they are).
 */
@Injectable()
export class Deputies {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async set(
    actor: WorkflowActor,
    accountId: string,
    input: { deputy: string; from: string; to: string; reason?: string },
  ): Promise<Deputy> {
    const notFound = (id: string) => new NotFoundError({ zh: '账户', en: 'Account' }, { accountId: id });
    const staff = ['officer', 'senior_reviewer'];
    if (!staff.includes(actor.role) || !actor.authorityCode) throw notFound(accountId);
    const { rows } = await this.db.query<{ id: string; role: string }>(
      `SELECT id, role FROM accounts WHERE id = ANY ($1::uuid[]) AND authority_code = $2 AND active
          AND role IN ('officer', 'senior_reviewer')`,
      [[accountId, input.deputy], actor.authorityCode],
    );
    const absent = rows.find((r) => r.id === accountId);
    const deputy = rows.find((r) => r.id === input.deputy);
    // One's own deputy, or a leader (senior reviewer) naming one for a colleague of their authority.
    if (!absent || (accountId !== actor.id && actor.role !== 'senior_reviewer')) throw notFound(accountId);
    if (!deputy) throw notFound(input.deputy);
    const refuse = (code: string, zh: string, en: string) =>
      new DomainError({ code, status: 422, message: { zh, en }, details: { refusal: code } });
    if (deputy.id === absent.id)
      throw refuse('WORKBENCH.SELF', '不能委托本人作为代理人', 'An account cannot deputise for itself');
    if (deputy.role !== absent.role)
      throw refuse(
        'WORKBENCH.DEPUTY_WRONG_ROLE',
        '代理人须与委托人同一角色',
        'The deputy must have the same role as the absent reviewer',
      );
    if (input.from > input.to)
      throw refuse(
        'WORKBENCH.DEPUTY_DATES',
        '委托的开始日期不能晚于结束日期',
        'The range must not end before it starts',
      );
    await this.db.query(
      `INSERT INTO account_deputies (account_id, deputy_id, from_date, to_date, reason, set_by, set_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (account_id) DO UPDATE SET deputy_id = EXCLUDED.deputy_id, from_date = EXCLUDED.from_date,
         to_date = EXCLUDED.to_date, reason = EXCLUDED.reason, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at`,
      [accountId, deputy.id, input.from, input.to, input.reason ?? null, actor.id, this.clock.now()],
    );
    return { accountId, deputyId: deputy.id, from: input.from, to: input.to, reason: input.reason ?? null };
  }
}
