/**
 * The WHERE clause of a filtered list, with numbered placeholders: each `?` of a condition becomes the `$n` of its
 * value (a condition may use its value more than once), so filters are added one line each and stay injection-safe.
 */
export class SqlWhere {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  add(condition: string, value: unknown): this {
    this.params.push(value);
    this.conditions.push(condition.replaceAll('?', `$${this.params.length}`));
    return this;
  }

  /** A condition without a value, or one already numbered after `params.length` (e.g. a visibility filter). */
  raw(condition: string | { sql: string; params: unknown[] }): this {
    if (typeof condition === 'string') this.conditions.push(condition);
    else {
      this.params.push(...condition.params);
      this.conditions.push(condition.sql);
    }
    return this;
  }

  /** The conditions joined by AND (TRUE when there is none). */
  get sql(): string {
    return this.conditions.length > 0 ? this.conditions.join(' AND ') : 'TRUE';
  }
}
