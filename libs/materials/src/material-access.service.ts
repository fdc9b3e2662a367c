import { Injectable } from '@nestjs/common';
import { visibilityFilter, type Actor } from '@credence/identity';
import { Database } from '@credence/shared';
import { FileStore } from './file-store.service';
import { MaterialNotFoundError } from './material.errors';
import type { StoredFile } from './stored-file';

/**
 * Who may download a material: only its owner and the staff of the cases it is attached to. Whoever may not gets
 * the same 404 as for a file that does not exist: an id must not reveal that a material exists.
 */
@Injectable()
export class MaterialAccess {
  constructor(
    private readonly db: Database,
    private readonly files: FileStore,
  ) {}

  /**
   * Admins always; the uploader; an applicant of the uploader's subject (a company's staff share its materials);
   * staff who can see at least one case the file is attached to (the same rule as for the case itself).
   */
  async canDownload(actor: Actor, file: StoredFile): Promise<boolean> {
    if (actor.role === 'admin' || file.uploadedBy === actor.id) return true;
    if (actor.role === 'applicant')
      return actor.subjectCode !== null && actor.subjectCode === file.ownerSubjectCode;
    const visible = visibilityFilter(actor, 'c', 1);
    const { rowCount } = await this.db.query(
      `SELECT 1 FROM case_materials m JOIN cases c ON c.id = m.case_id
        WHERE m.file_id = $1 AND ${visible.sql} LIMIT 1`,
      [file.id, ...visible.params],
    );
    return (rowCount ?? 0) > 0;
  }

  /** The file if the actor may download it, else MaterialNotFoundError (404) whether or not it exists. */
  async requireDownloadable(actor: Actor, id: string): Promise<StoredFile> {
    const file = await this.files.describe(id);
    if (!file || !(await this.canDownload(actor, file))) throw new MaterialNotFoundError();
    return file;
  }
}
