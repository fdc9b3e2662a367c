import { Injectable } from '@nestjs/common';
import { PUBLICLY_SHOWN } from '@credence/credit-records';
import { Database } from '@credence/shared';

export interface PublicSubjectHit {
  code: string;
  type: string;
  name: string;
  /** Records the public sees now (公示中 or 可申请修复). */
  publishedRecords: number;
  /** Commitments the public sees now (published, and not a breach whose record has left public view). */
  publicCommitments: number;
}

export interface PublicSubjectPage {
  items: PublicSubjectHit[];
  total: number;
  page: number;
  pageSize: number;
}

/** `%`, `_` and `\` in what a person typed are letters, not LIKE wildcards. */
export function likeContaining(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * 按名称查询公示主体: only subjects the public may read about now — a record published now, or a published commitment
 * the public commitments view shows (the same filter as CommitmentQueries.publicCommitments). A subject with nothing
 * public is never found, so the search cannot confirm who has a repaired, expired or unpublished history.
 */
@Injectable()
export class PublicSubjectSearch {
  constructor(private readonly db: Database) {}

  async byName(name: string, page: number, pageSize: number): Promise<PublicSubjectPage> {
    const { rows } = await this.db.query<{
      subject_code: string;
      subject_type: string;
      subject_name: string;
      records: string;
      commitments: string;
      total: string;
    }>(
      `WITH shown AS (
         SELECT subject_code, subject_type, subject_name, 1 AS records, 0 AS commitments
           FROM credit_records
          WHERE status = ANY($2::text[]) AND subject_name ILIKE $1 ESCAPE '\\'
         UNION ALL
         SELECT c.subject_code, c.subject_type, c.subject_name, 0, 1
           FROM commitments c LEFT JOIN credit_records r ON r.id = c.breach_record_id
          WHERE c.published AND c.subject_name ILIKE $1 ESCAPE '\\'
            AND (c.outcome IS DISTINCT FROM 'breached' OR c.breach_record_id IS NULL OR r.status = ANY($2::text[]))
       )
       SELECT subject_code, min(subject_type) AS subject_type, min(subject_name) AS subject_name,
              sum(records) AS records, sum(commitments) AS commitments, count(*) OVER () AS total
         FROM shown GROUP BY subject_code
        ORDER BY min(subject_name), subject_code
        LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      [likeContaining(name), PUBLICLY_SHOWN],
    );
    return {
      items: rows.map((r) => ({
        code: r.subject_code,
        type: r.subject_type,
        name: r.subject_name,
        publishedRecords: Number(r.records),
        publicCommitments: Number(r.commitments),
      })),
      total: rows.length ? Number(rows[0].total) : 0,
      page,
      pageSize,
    };
  }
}
