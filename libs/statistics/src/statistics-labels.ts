import { Injectable } from '@nestjs/common';
import { Database, type BilingualText } from '@credence/shared';
import { CaseTypeRegistry } from '@credence/workflow';
import type { GroupBy, GroupKey } from './statistics-filter';

/** Bilingual labels of group keys: authority names, case type names, months as they are. */
@Injectable()
export class StatisticsLabels {
  constructor(
    private readonly db: Database,
    private readonly registry: CaseTypeRegistry,
  ) {}

  async groups(groupBy: GroupBy | undefined, keys: string[]): Promise<Map<string, GroupKey>> {
    const out = new Map<string, GroupKey>();
    if (groupBy === 'authority') {
      const names = await this.authorityNames(keys);
      for (const key of keys) out.set(key, { key, label: names.get(key) ?? { zh: key, en: key } });
    } else if (groupBy === 'type') {
      for (const key of keys) out.set(key, { key, label: this.caseType(key) });
    } else {
      for (const key of keys) out.set(key, { key, label: { zh: key, en: key } });
    }
    return out;
  }

  async authorityNames(codes: string[]): Promise<Map<string, BilingualText>> {
    if (codes.length === 0) return new Map();
    const { rows } = await this.db.query<{ code: string; name_zh: string; name_en: string }>(
      `SELECT code, name_zh, name_en FROM authorities WHERE code = ANY($1::text[])`,
      [codes],
    );
    return new Map(rows.map((r) => [r.code, { zh: r.name_zh, en: r.name_en }]));
  }

  caseType(type: string): BilingualText {
    try {
      return this.registry.get(type).label;
    } catch {
      return { zh: type, en: type };
    }
  }
}
