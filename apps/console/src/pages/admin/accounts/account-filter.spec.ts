import { describe, expect, it } from '@jest/globals';
import {
  accountFilterOf,
  filterAccounts,
  roleNeeds,
  searchOfFilter,
  type AccountView,
} from './account-filter';

const account = (over: Partial<AccountView>): AccountView => ({
  id: '0190f7a0-0000-7000-8000-000000000001',
  username: 'someone',
  displayName: '某人',
  role: 'officer',
  authorityCode: '320830',
  authorityPath: '320000/320800/320830',
  subjectType: null,
  subjectCode: null,
  subjectName: null,
  active: true,
  createdAt: '2026-12-01T00:00:00.000Z',
  ...over,
});

describe('the account search', () => {
  const accounts = [
    account({ username: 'officer-xuyi', displayName: '盱眙县经办人', authorityCode: '320830' }),
    account({
      username: 'Senior-Jinhu',
      displayName: '金湖县审核',
      role: 'senior_reviewer',
      authorityCode: '320831',
    }),
    account({
      username: 'applicant-a',
      displayName: '通达运输',
      role: 'applicant',
      authorityCode: null,
      subjectCode: '91320830MA1XY0012B',
      subjectName: '盱眙通达道路运输有限公司',
    }),
  ];
  const names = (list: AccountView[]) => list.map((a) => a.username);

  it('matches the username, names, authority and subject, ignoring case', () => {
    expect(names(filterAccounts(accounts, { q: 'senior' }))).toEqual(['Senior-Jinhu']);
    expect(names(filterAccounts(accounts, { q: '盱眙' }))).toEqual(['officer-xuyi', 'applicant-a']);
    expect(names(filterAccounts(accounts, { q: '320831' }))).toEqual(['Senior-Jinhu']);
    expect(names(filterAccounts(accounts, { q: 'ma1xy' }))).toEqual(['applicant-a']);
    expect(names(filterAccounts(accounts, { q: '' }))).toHaveLength(3);
  });

  it('narrows to a role', () => {
    expect(names(filterAccounts(accounts, { q: '', role: 'applicant' }))).toEqual(['applicant-a']);
    expect(filterAccounts(accounts, { q: 'jinhu', role: 'officer' })).toEqual([]);
  });

  it('keeps the filter in the address, ignoring an unknown role', () => {
    expect(accountFilterOf(new URLSearchParams('q=%20jinhu%20&role=auditor'))).toEqual({
      q: 'jinhu',
      role: 'auditor',
    });
    expect(accountFilterOf(new URLSearchParams('role=root'))).toEqual({ q: '' });
    expect(searchOfFilter({ q: '金湖', role: 'officer' }).toString()).toBe(
      'q=%E9%87%91%E6%B9%96&role=officer',
    );
    expect(searchOfFilter({ q: '' }).toString()).toBe('');
  });

  it('asks each role for what the API requires of it', () => {
    expect(roleNeeds('officer')).toEqual({ authority: 'required', subject: false });
    expect(roleNeeds('auditor')).toEqual({ authority: 'optional', subject: false });
    expect(roleNeeds('applicant')).toEqual({ authority: 'none', subject: true });
    expect(roleNeeds('admin')).toEqual({ authority: 'none', subject: false });
  });
});
