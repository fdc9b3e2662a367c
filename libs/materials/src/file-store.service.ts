import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Actor } from '@credence/identity';
import { Clock, Database, Env, isUuid, uuidv7 } from '@credence/shared';
import { BlobStore } from './blob-store';
import { cleanFileName } from './file-name';
import {
  EmptyMaterialError,
  MaterialNotFoundOrNotYoursError,
  MaterialTooLargeError,
  UnsupportedMaterialTypeError,
} from './material.errors';
import { detectMediaType, type MaterialMediaType } from './media-type';
import type { AttachedFile, StoredFile } from './stored-file';

export interface StoreInput {
  content: Buffer;
  /** As the client named it; cleaned before it is kept. */
  fileName: string;
  owner: Pick<Actor, 'id' | 'subjectCode'>;
}

interface FileRow {
  id: string;
  sha256: string;
  size: string;
  media_type: MaterialMediaType;
  file_name: string;
  uploaded_by: string;
  owner_subject_code: string | null;
  uploaded_at: Date;
}

const COLUMNS = 'id, sha256, size, media_type, file_name, uploaded_by, owner_subject_code, uploaded_at';

/**
 * Materials (申请材料): each upload is a row of its own (id, name, owner), its bytes a content-addressed blob kept
 * once. Neither is ever changed or deleted: the digest a decision recorded must still find the bytes it names.
 */
@Injectable()
export class FileStore {
  constructor(
    private readonly db: Database,
    private readonly blobs: BlobStore,
    private readonly env: Env,
    private readonly clock: Clock,
  ) {}

  /** Checks size and type (from the bytes), keeps the blob, then the file row. */
  async store(input: StoreInput): Promise<StoredFile> {
    const { content } = input;
    if (content.length === 0) throw new EmptyMaterialError();
    if (content.length > this.env.MATERIAL_MAX_BYTES)
      throw new MaterialTooLargeError(this.env.MATERIAL_MAX_BYTES);
    const mediaType = detectMediaType(content);
    if (mediaType === null) throw new UnsupportedMaterialTypeError();
    const now = this.clock.now();
    const file: StoredFile = {
      id: uuidv7(now),
      sha256: createHash('sha256').update(content).digest('hex'),
      size: content.length,
      mediaType,
      fileName: cleanFileName(input.fileName, mediaType),
      uploadedBy: input.owner.id,
      ownerSubjectCode: input.owner.subjectCode,
      uploadedAt: now.toISOString(),
    };
    // The blob first: a committed row always names bytes that are kept.
    await this.db.transaction(async (tx) => {
      await this.blobs.put(file.sha256, content, tx);
      await tx.query(`INSERT INTO materials (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
        file.id,
        file.sha256,
        file.size,
        mediaType,
        file.fileName,
        file.uploadedBy,
        file.ownerSubjectCode,
        now,
      ]);
    });
    return file;
  }

  async describe(id: string): Promise<StoredFile | null> {
    if (!isUuid(id)) return null;
    const { rows } = await this.db.query<FileRow>(`SELECT ${COLUMNS} FROM materials WHERE id = $1`, [id]);
    return rows[0] ? toStoredFile(rows[0]) : null;
  }

  /** The file and its bytes; null when there is no such file. */
  async open(id: string): Promise<{ file: StoredFile; content: Buffer | Readable } | null> {
    const file = await this.describe(id);
    return file ? { file, content: await this.contentOf(file) } : null;
  }

  /** The bytes of a file already described (e.g. after an access check). A row without its blob is a defect. */
  async contentOf(file: StoredFile): Promise<Buffer | Readable> {
    const content = await this.blobs.get(file.sha256);
    if (content === null)
      throw new Error(`material ${file.id}: blob ${file.sha256} is missing from the blob store`);
    return content;
  }

  /**
   * The files an actor attaches to a case, as the case's events record them (with the digest of their bytes and
   * the time attached), in the order of `ids`. Same checks as `requireOwned`.
   */
  async attach(ids: string[], actor: Pick<Actor, 'id' | 'subjectCode'>, at: Date): Promise<AttachedFile[]> {
    if (ids.length === 0) return [];
    const byId = new Map((await this.requireOwned(ids, actor)).map((f) => [f.id, f]));
    return ids.map((id) => {
      const file = byId.get(id.toLowerCase())!;
      return {
        id: file.id,
        sha256: file.sha256,
        fileName: file.fileName,
        mediaType: file.mediaType,
        size: file.size,
        attachedAt: at.toISOString(),
      };
    });
  }

  /**
   * The files an actor attaches to a case: every id must exist and have been uploaded by the actor or by someone
   * of the actor's subject. Otherwise a 422 listing the offending ids, without saying which of the two failed.
   */
  async requireOwned(ids: string[], actor: Pick<Actor, 'id' | 'subjectCode'>): Promise<StoredFile[]> {
    const unique = [...new Set(ids)];
    const wellFormed = unique.filter(isUuid);
    const { rows } = await this.db.query<FileRow>(
      `SELECT ${COLUMNS} FROM materials WHERE id = ANY($1::uuid[])`,
      [wellFormed],
    );
    const found = new Map(rows.map((row) => [row.id, toStoredFile(row)]));
    const owned = (file: StoredFile | undefined) =>
      file !== undefined &&
      (file.uploadedBy === actor.id ||
        (actor.subjectCode !== null && file.ownerSubjectCode === actor.subjectCode));
    const bad = unique.filter((id) => !owned(found.get(id.toLowerCase())));
    if (bad.length > 0) throw new MaterialNotFoundOrNotYoursError(bad);
    return unique.map((id) => found.get(id.toLowerCase())!);
  }
}

function toStoredFile(row: FileRow): StoredFile {
  return {
    id: row.id,
    sha256: row.sha256,
    size: Number(row.size),
    mediaType: row.media_type,
    fileName: row.file_name,
    uploadedBy: row.uploaded_by,
    ownerSubjectCode: row.owner_subject_code,
    uploadedAt: row.uploaded_at.toISOString(),
  };
}
