import { Injectable } from '@nestjs/common';
import { Clock, Database, isUniqueViolation, type Sql } from '@credence/shared';
import type { AuthorityLevel } from './actor';
import { AuthorityExistsError, AuthorityHierarchyError, UnknownAuthorityError } from './identity.errors';

export interface Authority {
  code: string;
  nameZh: string;
  nameEn: string;
  department: string;
  parentCode: string | null;
  path: string;
  level: AuthorityLevel;
}

export interface NewAuthority {
  code: string;
  nameZh: string;
  nameEn: string;
  department?: string;
  parentCode?: string | null;
}

const RANK: Record<AuthorityLevel, number> = { province: 0, city: 1, county: 2 };

/** GB/T 2260: `xx0000` a province, `xxyy00` a prefecture-level city, anything else county level. */
export function levelOfDivision(code: string): AuthorityLevel {
  if (code.endsWith('0000')) return 'province';
  return code.endsWith('00') ? 'city' : 'county';
}

const SELECT = `SELECT code, name_zh AS "nameZh", name_en AS "nameEn", department, parent_code AS "parentCode",
                       path, level FROM authorities`;

/** Registers one authority under an existing parent; its path is the parent's plus its own code. */
export async function registerAuthority(sql: Sql, input: NewAuthority, now: Date): Promise<Authority> {
  const level = levelOfDivision(input.code);
  let path = input.code;
  if (level === 'province') {
    if (input.parentCode) {
      throw new AuthorityHierarchyError({
        zh: '省级单位不能有上级单位',
        en: 'A province has no parent authority',
      });
    }
  } else {
    if (!input.parentCode) {
      throw new AuthorityHierarchyError({
        zh: '市、县级单位必须指定上级单位',
        en: 'A city or county needs a parent',
      });
    }
    const { rows } = await sql.query<Authority>(`${SELECT} WHERE code = $1`, [input.parentCode]);
    const parent = rows[0];
    if (!parent) throw new UnknownAuthorityError('parentCode', input.parentCode);
    // Province-administered county-level cities (省直辖县级市) hang directly under a province: only order matters.
    if (RANK[parent.level] >= RANK[level]) {
      throw new AuthorityHierarchyError({
        zh: '上级单位的层级必须高于本单位',
        en: 'The parent must be of a higher level',
      });
    }
    path = `${parent.path}/${input.code}`;
  }
  try {
    const { rows } = await sql.query<Authority>(
      `INSERT INTO authorities (code, name_zh, name_en, department, parent_code, path, level, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       RETURNING code, name_zh AS "nameZh", name_en AS "nameEn", department, parent_code AS "parentCode", path, level`,
      [
        input.code,
        input.nameZh,
        input.nameEn,
        input.department ?? '交通运输局',
        input.parentCode ?? null,
        path,
        level,
        now,
      ],
    );
    return rows[0];
  } catch (error) {
    if (isUniqueViolation(error)) throw new AuthorityExistsError(input.code);
    throw error;
  }
}

@Injectable()
export class AuthorityService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<Authority[]> {
    return (await this.db.query<Authority>(`${SELECT} ORDER BY path`)).rows;
  }

  register(input: NewAuthority): Promise<Authority> {
    return registerAuthority(this.db, input, this.clock.now());
  }
}
