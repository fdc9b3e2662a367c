import type { components } from '../../../api/schema';
import type { MessageKey, Params } from '../../../i18n/messages';

export type AccountChange = components['schemas']['AccountChangeDto'];
type Translate = (key: MessageKey, params?: Params) => string;

const CHANGE_LABELS: Record<AccountChange['change'], MessageKey> = {
  created: 'admin.history.created',
  deactivated: 'admin.history.deactivated',
  activated: 'admin.history.activated',
  'related-declared': 'admin.history.relatedDeclared',
  'related-withdrawn': 'admin.history.relatedWithdrawn',
};

/** The system signs changes made outside any request (account-changes.ts: SYSTEM_CHANGES, and migrations). */
const SYSTEM_ACTORS: Record<string, MessageKey> = {
  cli: 'admin.history.systemCli',
  'demo-seed': 'admin.history.systemDemoSeed',
  migration: 'admin.history.systemMigration',
};

const ROLES = new Set(['applicant', 'officer', 'senior_reviewer', 'auditor', 'admin']);

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;

/** What happened, in words: 创建, 停用, 启用, 声明关联主体, 撤回关联主体. */
export function changeLabel(change: AccountChange, t: Translate): string {
  return t(CHANGE_LABELS[change.change]);
}

/**
 * Who did it: the account's name and role, or the system with where the change came from. An account that is
 * gone since (no name) is shown by its id, so the record still says who.
 */
export function actorLabel(change: AccountChange, t: Translate): string {
  if (change.actorRole === 'system') {
    const source = SYSTEM_ACTORS[change.actorId];
    return source ? t(source) : t('admin.history.systemOther', { source: change.actorId });
  }
  const name = change.actorName ?? change.actorId;
  return ROLES.has(change.actorRole)
    ? t('admin.history.actor', { name, role: t(`role.${change.actorRole}` as MessageKey) })
    : name;
}

/**
 * The details in words: the account as created (username, role, its authority or the subject it acts for), or the
 * related subject and the reason given. Deactivation and activation carry none.
 */
export function detailsLabel(change: AccountChange, t: Translate): string {
  const d = change.details;
  switch (change.change) {
    case 'created': {
      const role = text(d.role);
      const parts = [
        t('admin.history.username', { username: text(d.username) ?? '' }),
        ...(role && ROLES.has(role) ? [t(`role.${role}` as MessageKey)] : []),
        ...(text(d.authorityCode) ? [t('admin.history.authority', { code: text(d.authorityCode)! })] : []),
        ...(text(d.subjectCode)
          ? [t('admin.history.subject', { name: text(d.subjectName) ?? '', code: text(d.subjectCode)! })]
          : []),
      ];
      return parts.join(t('admin.history.separator'));
    }
    case 'related-declared':
    case 'related-withdrawn': {
      const reason = text(d.reason);
      return [
        t('admin.history.relatedSubject', { code: text(d.subjectCode) ?? '' }),
        reason ? t('admin.history.reason', { reason }) : t('admin.history.noReason'),
      ].join(t('admin.history.separator'));
    }
    case 'deactivated':
    case 'activated':
      return '';
  }
}

/** Newest first: an admin opens the history to see what changed last. */
export function newestFirst(changes: readonly AccountChange[]): AccountChange[] {
  return [...changes].sort((a, b) => b.id - a.id);
}
