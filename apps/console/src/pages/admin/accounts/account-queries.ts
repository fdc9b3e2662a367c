/**
 * The query keys of one account's reads. They start with the accounts list's key (['accounts']), so a change that
 * refreshes the list (deactivate, activate) refreshes the account's history too.
 */
export function accountQueryKey(accountId: string, read?: 'history' | 'related-subjects'): string[] {
  return read ? ['accounts', accountId, read] : ['accounts', accountId];
}
