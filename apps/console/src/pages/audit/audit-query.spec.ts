import { describe, expect, it } from '@jest/globals';
import {
  accessLogFiltersOf,
  accessLogQueryOf,
  decisionFiltersOf,
  decisionQueryOf,
  exportPathOf,
  kilobytes,
  openEndedTotal,
  periodOf,
  searchOf,
} from './audit-query';

describe('the auditor pages’ addresses', () => {
  it('reads the decision filters of a bookmarked address, dropping what the API would refuse', () => {
    const params = new URLSearchParams(
      'subject=91320830MA1XY0012B&authority=3208&actor=reviewer-xuyi&action=approve&outcome=approved' +
        '&caseType=repairApplication&from=2026-12-01&to=2026-02-30&overdue=true&page=3&junk=1',
    );
    expect(decisionFiltersOf(params)).toEqual({
      subject: '91320830MA1XY0012B',
      actor: 'reviewer-xuyi',
      action: 'approve',
      outcome: 'approved',
      caseType: 'repairApplication',
      from: '2026-12-01',
      overdue: true,
      page: 3,
    });
    expect(decisionFiltersOf(new URLSearchParams('page=-2&action=1x&actor=a b'))).toEqual({ page: 1 });
  });

  it('writes filters back without empty ones or the first page, so the plain address is the plain search', () => {
    expect(searchOf({ page: 1 }).toString()).toBe('');
    expect(searchOf({ actor: 'officer-xuyi', overdue: false, subject: '', page: 2 }).toString()).toBe(
      'actor=officer-xuyi&page=2',
    );
    const address = 'subject=X1&from=2026-12-01&to=2026-12-31&overdue=true&page=2';
    expect(searchOf(decisionFiltersOf(new URLSearchParams(address))).toString()).toBe(address);
  });

  it('turns Beijing dates, both included, into the API’s half-open instants', () => {
    expect(periodOf('2026-12-01', '2026-12-31')).toEqual({
      from: '2026-12-01T00:00:00+08:00',
      to: '2027-01-01T00:00:00+08:00',
    });
    expect(periodOf(undefined, '2028-02-28')).toEqual({ to: '2028-02-29T00:00:00+08:00' });
    expect(periodOf()).toEqual({});
  });

  it('asks the API for the page of the filters, and exports the same search without paging', () => {
    const filters = { subject: 'X1', from: '2026-12-01', page: 2 };
    expect(decisionQueryOf(filters)).toEqual({
      subject: 'X1',
      from: '2026-12-01T00:00:00+08:00',
      page: 2,
      pageSize: 20,
    });
    expect(exportPathOf(filters, 'xlsx')).toBe(
      '/api/v1/audit/decisions?subject=X1&from=2026-12-01T00%3A00%3A00%2B08%3A00&format=xlsx',
    );
  });

  it('reads the access log’s filters: a reader, what was read (a code or an id), dates', () => {
    const filters = accessLogFiltersOf(
      new URLSearchParams('actor=auditor-xuyi&subject=0190f0e0-0000-7000-8000-000000000000&to=2026-12-03'),
    );
    expect(filters).toEqual({
      actor: 'auditor-xuyi',
      subject: '0190f0e0-0000-7000-8000-000000000000',
      to: '2026-12-03',
      page: 1,
    });
    expect(accessLogQueryOf(filters)).toMatchObject({ to: '2026-12-04T00:00:00+08:00', pageSize: 20 });
  });

  it('words an export’s size in kilobytes', () => {
    expect(kilobytes(512)).toBe('0.5');
    expect(kilobytes(20 * 1024 + 300)).toBe('20');
  });

  it('offers a next page of the access log only after a full one', () => {
    expect(openEndedTotal(1, 20, 20)).toBe(21);
    expect(openEndedTotal(3, 20, 7)).toBe(47);
    expect(openEndedTotal(1, 20, 0)).toBe(0);
  });
});
