import type { PublicStatus } from './credit-record';

/** The public status of a record from its machine state paths (the `publicity` region). */
export function publicStatusOf(statePaths: string[]): PublicStatus {
  const publicity = statePaths.find((p) => p.startsWith('registered.publicity.')) ?? '';
  if (publicity.endsWith('.repairable')) return 'repairable';
  if (publicity.endsWith('.published')) return 'published';
  if (publicity.endsWith('.shielded')) return 'shielded';
  if (publicity.endsWith('.repaired')) return 'repaired';
  if (publicity.endsWith('.expired')) return 'expired';
  if (publicity.endsWith('.removed')) return 'removed';
  return 'published';
}

export function objectionMarked(statePaths: string[]): boolean {
  return statePaths.includes('registered.dispute.marked');
}
