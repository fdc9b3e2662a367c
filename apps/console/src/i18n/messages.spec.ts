import { describe, expect, it } from '@jest/globals';
import { en, format, zh } from './messages';

describe('console messages', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('zh', 'public.results', { total: 3 })).toBe('共 3 个主体');
    expect(format('en', 'public.results', {})).toBe('{total} subjects');
  });

  it('has the same placeholders in both languages', () => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(zh) as (keyof typeof zh)[])
      expect([key, names(en[key])]).toEqual([key, names(zh[key])]);
  });
});
