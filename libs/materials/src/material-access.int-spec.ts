import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Actor } from '@credence/identity';
import { uuidv7, type Sql, type SqlWrite } from '@credence/shared';
import { caseMaterialWrites } from './case-material-writes';
import type { StoredFile } from './stored-file';
import { insertCase, openFileStore, type OpenedFileStore } from './testing/open-file-store';
import { samplePdf } from './testing/sample-files';

const SUBJECT = '91320830MA1XY0012B';
const XUYI = { authorityCode: '320830', authorityPath: '320000/320800/320830', subjectCode: SUBJECT };

function actor(role: Actor['role'], scope: Partial<Actor> = {}): Actor {
  return {
    id: uuidv7(),
    username: role,
    role,
    authorityCode: null,
    authorityPath: null,
    subjectCode: null,
    displayName: role,
    ...scope,
  };
}

const applicant = actor('applicant', { subjectCode: SUBJECT });
const sameSubject = actor('applicant', { subjectCode: SUBJECT });
const otherApplicant = actor('applicant', { subjectCode: '91512000MA6AB0034C' });
const officerXuyi = actor('officer', { authorityCode: '320830', authorityPath: '320000/320800/320830' });
const officerZiyang = actor('officer', { authorityCode: '512000', authorityPath: '510000/512000' });
const auditorProvince = actor('auditor', { authorityCode: '320000', authorityPath: '320000' });
const admin = actor('admin');

/** Runs writes the way the event store does: as CTEs after an `appended` CTE that did or did not insert. */
async function runAlongside(sql: Sql, writes: SqlWrite[], appended: boolean): Promise<void> {
  expect(writes).toHaveLength(1);
  await sql.query(
    `WITH appended AS (SELECT 1 AS x WHERE ${appended}), w1 AS (${writes[0].text}) SELECT x FROM appended`,
    writes[0].values,
  );
}

describe('MaterialAccess', () => {
  let s: OpenedFileStore;
  let file: StoredFile;
  beforeAll(async () => {
    s = await openFileStore();
    file = await s.files.store({ content: samplePdf('access'), fileName: '证明.pdf', owner: applicant });
  });
  afterAll(() => s.t.drop());

  it('lets the uploader, their subject and admins download a file attached to no case', async () => {
    expect(await s.access.canDownload(applicant, file)).toBe(true);
    expect(await s.access.canDownload(sameSubject, file)).toBe(true);
    expect(await s.access.canDownload(admin, file)).toBe(true);
    for (const other of [otherApplicant, officerXuyi, officerZiyang, auditorProvince])
      expect(await s.access.canDownload(other, file)).toBe(false);
  });

  it('answers 404 alike for a hidden file and a missing one', async () => {
    await expect(s.access.requireDownloadable(officerXuyi, file.id)).rejects.toMatchObject({ status: 404 });
    await expect(s.access.requireDownloadable(admin, uuidv7())).rejects.toMatchObject({ status: 404 });
  });

  it('records nothing when the append did not happen', async () => {
    const caseId = await insertCase(s.t.superuser, XUYI);
    await runAlongside(s.t.db, caseMaterialWrites(caseId, [file], s.clock.now()), false);
    const { rowCount } = await s.t.superuser.query('SELECT 1 FROM case_materials WHERE case_id = $1', [
      caseId,
    ]);
    expect(rowCount).toBe(0);
    expect(caseMaterialWrites(caseId, [], s.clock.now())).toEqual([]);
  });

  it('opens a file to the staff of a case it is attached to, and to their auditors', async () => {
    const caseId = await insertCase(s.t.superuser, XUYI);
    const writes = caseMaterialWrites(caseId, [file], s.clock.now());
    await runAlongside(s.t.db, writes, true);
    await runAlongside(s.t.db, writes, true); // attaching twice is harmless

    const { rows } = await s.t.superuser.query(
      'SELECT file_id, sha256 FROM case_materials WHERE case_id = $1',
      [caseId],
    );
    expect(rows).toEqual([{ file_id: file.id, sha256: file.sha256 }]);
    expect(await s.access.canDownload(officerXuyi, file)).toBe(true);
    expect(await s.access.canDownload(auditorProvince, file)).toBe(true);
    expect(await s.access.canDownload(officerZiyang, file)).toBe(false);
    expect(await s.access.canDownload(otherApplicant, file)).toBe(false);
  });
});
