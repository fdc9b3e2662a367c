import { describe, expect, it } from '@jest/globals';
import { queueQueryOf, searchOf } from './queue-filters';

describe('work queue filters in the address', () => {
  it('reads the default queue from a bare address', () => {
    expect(queueQueryOf(new URLSearchParams(''))).toEqual({
      view: 'role',
      sort: 'due',
      page: 1,
      pageSize: 20,
    });
  });

  it('reads every filter the API takes', () => {
    expect(
      queueQueryOf(new URLSearchParams('view=mine&type=objection&due=overdue&sort=follow-up&page=3')),
    ).toEqual({
      view: 'mine',
      type: 'objection',
      due: 'overdue',
      sort: 'follow-up',
      page: 3,
      pageSize: 20,
    });
  });

  it('drops what the API would refuse instead of sending it', () => {
    expect(queueQueryOf(new URLSearchParams('view=everything&type=a%20b&due=later&sort=x&page=-2'))).toEqual({
      view: 'role',
      sort: 'due',
      page: 1,
      pageSize: 20,
    });
  });

  it('writes an address that reads back to the same query, leaving defaults out', () => {
    const query = { view: 'unclaimed' as const, due: 'soon' as const, sort: 'due' as const, page: 2 };
    const search = searchOf(query);
    expect(search.toString()).toBe('view=unclaimed&due=soon&page=2');
    expect(queueQueryOf(search)).toEqual({ ...query, pageSize: 20 });
    expect(searchOf({ view: 'role', sort: 'due', page: 1 }).toString()).toBe('');
  });
});
