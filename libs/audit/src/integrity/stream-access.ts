import { canSeeCase, type ActorScope } from '@credence/identity';
import type { Sql } from '@credence/shared';

/**
 * The streams among `streamIds` the actor may see: case streams by the case's authority and subject (policy.ts),
 * anything that is not a case's stream only by admins.
 */
export async function visibleStreams(sql: Sql, actor: ActorScope, streamIds: string[]): Promise<Set<string>> {
  if (actor.role === 'admin') return new Set(streamIds);
  const { rows } = await sql.query<{
    stream_id: string;
    authority_code: string;
    authority_path: string;
    subject_code: string;
  }>(
    `SELECT stream_id, authority_code, authority_path, subject_code FROM cases WHERE stream_id = ANY($1::text[])`,
    [streamIds],
  );
  return new Set(
    rows
      .filter((r) =>
        canSeeCase(actor, {
          authorityCode: r.authority_code,
          authorityPath: r.authority_path,
          subjectCode: r.subject_code,
        }),
      )
      .map((r) => r.stream_id),
  );
}
