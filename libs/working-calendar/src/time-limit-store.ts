import { Injectable } from '@nestjs/common';
import { Clock, Database, DomainError, isUniqueViolation } from '@credence/shared';
import { StatutoryTime } from './statutory-time';
import type { TimeLimit } from './time-limits';

export interface NewTimeLimit {
  key: string;
  authorityCode?: string;
  workingDays: number;
  effectiveFrom: string;
  labelZh: string;
  labelEn: string;
  legalBasisZh: string;
  legalBasisEn: string;
}

/** Time limits are rows: a change is a new effective-dated version (or an authority's own setting), never an edit. */
@Injectable()
export class TimeLimitStore {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly time: StatutoryTime,
  ) {}

  async all(): Promise<TimeLimit[]> {
    return (await this.time.snapshot()).limits
      .slice()
      .sort((a, b) =>
        `${a.key} ${a.authorityCode ?? ''} ${a.effectiveFrom}`.localeCompare(
          `${b.key} ${b.authorityCode ?? ''} ${b.effectiveFrom}`,
        ),
      );
  }

  async add(limit: NewTimeLimit, createdBy: string): Promise<TimeLimit> {
    try {
      await this.db.query(
        `INSERT INTO time_limits (key, authority_code, working_days, label_zh, label_en, legal_basis_zh, legal_basis_en,
                                  effective_from, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          limit.key,
          limit.authorityCode ?? '',
          limit.workingDays,
          limit.labelZh,
          limit.labelEn,
          limit.legalBasisZh,
          limit.legalBasisEn,
          limit.effectiveFrom,
          createdBy,
          this.clock.now(),
        ],
      );
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DomainError({
          code: 'TIME.LIMIT_EXISTS',
          status: 409,
          message: {
            zh: '该时限在此生效日已有设置，请使用新的生效日期',
            en: 'This limit already has a version taking effect on that date; use a new effective date',
          },
        });
      throw error;
    }
    this.time.invalidate();
    return (await this.all()).find(
      (l) =>
        l.key === limit.key &&
        (l.authorityCode ?? '') === (limit.authorityCode ?? '') &&
        l.effectiveFrom === limit.effectiveFrom,
    )!;
  }
}
