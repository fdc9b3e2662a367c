import type { SqlWrite } from '@credence/shared';

/**
 * Records that materials were attached to a case, in the statement that appends the attaching event (a write
 * `alongside` it): the row exists exactly when the event does. It is what lets the case's staff download them.
 * One statement shape for any number of materials (arrays), so the append is prepared once.
 */
export function caseMaterialWrites(
  caseId: string,
  materials: { id: string; sha256: string }[],
  at: Date,
): SqlWrite[] {
  if (materials.length === 0) return [];
  return [
    {
      text: `INSERT INTO case_materials (case_id, file_id, sha256, attached_at)
             SELECT $1::uuid, m.file_id, m.sha256, $4::timestamptz
               FROM unnest($2::uuid[], $3::text[]) AS m(file_id, sha256)
              WHERE EXISTS (SELECT 1 FROM appended)
             ON CONFLICT DO NOTHING`,
      values: [caseId, materials.map((m) => m.id), materials.map((m) => m.sha256), at],
    },
  ];
}
