import { isUuid } from '@credence/shared';
import { CommitmentContentError } from './commitment.errors';
import type { CommitmentType } from './domain/commitment';
import type { LinkedDecisionInput } from './sign-commitment';

// What signing a commitment and the actions on it both check.

/** Staff of an authority: they take steps for it, and 回避 applies to them. */
export const STAFF = new Set(['officer', 'senior_reviewer']);
/** The linked decision as the event records it: trimmed, an empty description dropped. */
export const linkedOf = (input: LinkedDecisionInput | null | undefined) =>
  input
    ? { kind: input.kind, reference: input.reference.trim(), description: input.description?.trim() || null }
    : null;

/** A repair commitment links to a repair application (by its case id), nothing else. */
export function checkLink(type: CommitmentType, linked: LinkedDecisionInput | null | undefined): void {
  if (!linked) return;
  if (type === 'repair' && linked.kind !== 'repair_application')
    throw new CommitmentContentError(
      'LINK_NOT_APPLICABLE',
      '信用修复承诺只能关联信用修复申请',
      'A repair commitment links to a repair application only',
    );
  if (linked.kind === 'repair_application' && !isUuid(linked.reference.trim()))
    throw new CommitmentContentError(
      'LINK_REFERENCE_INVALID',
      '关联的信用修复申请应以案件 id 标识',
      'A linked repair application is named by its case id',
    );
}
