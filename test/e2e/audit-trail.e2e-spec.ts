import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { AccessLog, DecisionProjector } from '@credence/audit';
import { DEMO_SUBJECTS } from '@credence/identity';
import { loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const recordBody = (subject: (typeof DEMO_SUBJECTS)[keyof typeof DEMO_SUBJECTS], decisionNumber: string) => ({
  subject: { type: 'legal_person', code: subject.code, name: subject.name },
  kind: 'administrative_penalty',
  severity: 'general',
  field: 'road_transport',
  decisionNumber,
  decisionDate: '2026-05-10',
  facts: '道路运输车辆未按规定进行年度审验，继续从事经营活动。',
  legalBasis: '《道路运输条例》第七十条',
});

/** Collects a binary body (supertest buffers only text by default). */
function binary(res: Response, done: (err: Error | null, body: unknown) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('auditor read side (e2e)', () => {
  let t: TestApp;
  const token: Record<string, string> = {};
  let xuyiRecord: string;
  let ziyangRecord: string;
  const get = (user: string, url: string) =>
    t.http.get(`/api/v1${url}`).auth(token[user], { type: 'bearer' });

  async function accountId(username: string): Promise<string> {
    const { rows } = await t.database.db.query<{ id: string }>(
      'SELECT id::text AS id FROM accounts WHERE username = $1',
      [username],
    );
    return rows[0].id;
  }

  /** Waits for the projector to catch up (the xmin horizon is shared with parallel test files). */
  async function project(): Promise<void> {
    const projector = t.app.get(DecisionProjector);
    for (let i = 0; i < 500; i++) {
      await projector.catchUp();
      const { rows } = await t.database.db.query<{ lag: string }>(
        'SELECT (SELECT count(*) FROM events e JOIN cases c ON c.stream_id = e.stream_id) - (SELECT count(*) FROM audit_decisions) AS lag',
      );
      if (Number(rows[0].lag) === 0) return;
      await sleep(20);
    }
    throw new Error('projector did not catch up');
  }

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoIdentities(t);
    for (const user of ['admin', 'officer-xuyi', 'officer-ziyang', 'auditor-xuyi', 'auditor-province'])
      token[user] = await loginAs(t, user);
    const xuyi = await t.http
      .post('/api/v1/credit-records')
      .auth(token['officer-xuyi'], { type: 'bearer' })
      .send(recordBody(DEMO_SUBJECTS.xuyiTongda, '盱交罚〔2026〕0601号'))
      .expect(201);
    xuyiRecord = xuyi.body.id;
    const ziyang = await t.http
      .post('/api/v1/credit-records')
      .auth(token['officer-ziyang'], { type: 'bearer' })
      .send(recordBody(DEMO_SUBJECTS.ziyangAnshun, '资交罚〔2026〕0601号'))
      .expect(201);
    ziyangRecord = ziyang.body.id;
    t.clock.set('2026-06-02T02:00:00Z');
    await t.http
      .post(`/api/v1/credit-records/${xuyiRecord}/shield`)
      .auth(token['officer-xuyi'], { type: 'bearer' })
      .send({ reasons: ['法院裁定批准重整计划'], legalBasis: '《企业破产法》第八十六条' })
      .expect(200);
    await project();
  });
  afterAll(() => t.close());

  describe('decision trail', () => {
    it('shows an auditor of the authority every step with actor, labels, states, reasons and hashes', async () => {
      const res = await get('auditor-xuyi', `/audit/cases/${xuyiRecord}/trail`).expect(200);
      expect(res.body).toMatchObject({
        caseId: xuyiRecord,
        type: 'creditRecord',
        typeLabel: { zh: '信用记录' },
        authorityCode: '320830',
        chainIntact: true,
        stateLabel: { zh: '暂时屏蔽 · 无异议' },
      });
      const steps = res.body.steps as Record<string, unknown>[];
      expect(steps[0]).toMatchObject({
        action: 'register',
        actionLabel: { zh: '登记信用记录', en: 'Register the record' },
        actor: {
          displayName: '盱眙县经办人',
          role: 'officer',
          roleLabel: { zh: '经办人' },
          authorityCode: '320830',
        },
        stateBefore: { label: { zh: '未登记' } },
        stateAfter: { label: { zh: '公示中 · 无异议' } },
        ruleSet: 'ndrc-order-36-2026',
        legalBasis: '《道路运输条例》第七十条',
        recordedAt: '2026-06-01T02:00:00.000Z',
      });
      const shield = steps.find((s) => s.action === 'shield');
      expect(shield).toMatchObject({
        actionLabel: { zh: '暂时屏蔽' },
        stateBefore: { label: { zh: '公示中 · 无异议' } },
        stateAfter: { label: { zh: '暂时屏蔽 · 无异议' } },
        outcome: 'shielded',
        reasons: ['法院裁定批准重整计划'],
        legalBasis: '《企业破产法》第八十六条',
        recordedAt: '2026-06-02T02:00:00.000Z',
      });
      expect((shield!.chain as { hash: string }).hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('is 404 outside the auditor subtree, visible to an admin, and closed to officers', async () => {
      await get('auditor-xuyi', `/audit/cases/${ziyangRecord}/trail`).expect(404);
      await get('auditor-province', `/audit/cases/${ziyangRecord}/trail`).expect(404);
      await get('auditor-province', `/audit/cases/${xuyiRecord}/trail`).expect(200);
      await get('admin', `/audit/cases/${ziyangRecord}/trail`).expect(200);
      const refused = await get('officer-xuyi', `/audit/cases/${xuyiRecord}/trail`).expect(403);
      expect(refused.body.code).toBe('AUTH.FORBIDDEN_ROLE');
    });
  });

  describe('search and export', () => {
    it('filters steps across cases within the scope', async () => {
      const all = await get('auditor-xuyi', '/audit/decisions').expect(200);
      expect(all.body.items.every((r: { authorityCode: string }) => r.authorityCode === '320830')).toBe(true);
      expect(all.body.total).toBe(all.body.items.length);

      const shields = await get('auditor-xuyi', '/audit/decisions?action=shield&outcome=shielded').expect(
        200,
      );
      expect(shields.body.items).toHaveLength(1);
      expect(shields.body.items[0]).toMatchObject({
        caseId: xuyiRecord,
        actionLabel: { zh: '暂时屏蔽' },
        stateBefore: { zh: '公示中 · 无异议' },
        stateAfter: { zh: '暂时屏蔽 · 无异议' },
        actor: { name: '盱眙县经办人', role: 'officer' },
        reasons: '法院裁定批准重整计划',
        subjectCode: DEMO_SUBJECTS.xuyiTongda.code,
      });

      const byActor = await get('auditor-xuyi', '/audit/decisions?actor=officer-xuyi&caseType=creditRecord');
      expect(byActor.body.items.map((r: { action: string }) => r.action).sort()).toEqual([
        'register',
        'shield',
      ]);
      const inPeriod = await get(
        'auditor-xuyi',
        `/audit/decisions?actor=officer-xuyi&from=2026-06-02T00:00:00Z&to=2026-06-03T00:00:00Z`,
      );
      expect(inPeriod.body.items.map((r: { action: string }) => r.action)).toEqual(['shield']);
      const other = await get('auditor-xuyi', '/audit/decisions?authority=512000').expect(200);
      expect(other.body.items).toEqual([]);
      const asAdmin = await get(
        'admin',
        `/audit/decisions?authority=512000&subject=${DEMO_SUBJECTS.ziyangAnshun.code}`,
      );
      expect(asAdmin.body.items.map((r: { caseId: string }) => r.caseId)).toContain(ziyangRecord);
      const overdue = await get('auditor-xuyi', '/audit/decisions?overdue=true').expect(200);
      expect(overdue.body.items).toEqual([]);
      await get('auditor-xuyi', '/audit/decisions?overdue=maybe').expect(400);
    });

    it('exports the same query as CSV: UTF-8 with BOM, Chinese then English headers', async () => {
      const res = await get('auditor-xuyi', '/audit/decisions?action=shield&format=csv').expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="decisions-.*\.csv"$/);
      const text = res.text;
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const [header, row, end] = text.slice(1).split('\r\n');
      expect(header.split(',').slice(0, 2)).toEqual([
        '时间（北京时间） / Time (Beijing)',
        '案件类型 / Case type',
      ]);
      expect(row).toContain('2026-06-02 10:00:00');
      expect(row).toContain('暂时屏蔽');
      expect(row).toContain(xuyiRecord);
      expect(end).toBe('');
    });

    it('exports the same query as XLSX that Excel (and exceljs) reads back', async () => {
      const res = await get('auditor-xuyi', '/audit/decisions?action=shield&format=xlsx')
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(res.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as ExcelJS.Buffer);
      const sheet = workbook.worksheets[0];
      expect(sheet.getCell('A1').value).toBe('时间（北京时间） / Time (Beijing)');
      expect(sheet.getCell('H2').value).toBe('暂时屏蔽');
      expect(sheet.getCell('C2').value).toBe(xuyiRecord);
      expect(sheet.rowCount).toBe(2);
    });
  });

  describe('time travel', () => {
    it('returns the case as it stood before the shield', async () => {
      const before = await get(
        'auditor-xuyi',
        `/audit/cases/${xuyiRecord}/as-of?at=2026-06-01T12:00:00Z`,
      ).expect(200);
      expect(before.body).toMatchObject({
        asOf: '2026-06-01T12:00:00.000Z',
        version: 1,
        stateLabel: { zh: '公示中 · 无异议' },
        lastEvent: { streamVersion: 1, eventType: 'CreditRecordRegistered', actorRole: 'officer' },
      });
      expect(before.body.possibleActions.map((a: { action: string }) => a.action)).toContain('shield');
      expect(before.body.timers.map((x: { name: string }) => x.name).sort()).toEqual([
        'minimum-reached',
        'publicity-end',
      ]);
      const after = await get(
        'auditor-xuyi',
        `/audit/cases/${xuyiRecord}/as-of?at=2026-06-02T12:00:00%2B08:00`,
      );
      expect(after.body).toMatchObject({ version: 2, stateLabel: { zh: '暂时屏蔽 · 无异议' } });
      expect(after.body.timers.map((x: { name: string }) => x.name)).toEqual(['publicity-end']);
    });

    it('returns a credit record content and status as they were', async () => {
      const then = await get(
        'auditor-xuyi',
        `/audit/credit-records/${xuyiRecord}/as-of?at=2026-06-01T12:00:00Z`,
      );
      expect(then.status).toBe(200);
      expect(then.body).toMatchObject({
        version: 1,
        publicStatus: 'published',
        publicStatusLabel: { zh: '公示中' },
        record: { decisionNumber: '盱交罚〔2026〕0601号', authorityCode: '320830' },
      });
      const now = await get(
        'auditor-xuyi',
        `/audit/credit-records/${xuyiRecord}/as-of?at=2026-06-03T00:00:00Z`,
      );
      expect(now.body).toMatchObject({ version: 2, publicStatus: 'shielded' });
    });

    it('says when the case did not exist yet, and stays 404 outside the scope', async () => {
      const early = await get('auditor-xuyi', `/audit/cases/${xuyiRecord}/as-of?at=2026-01-01T00:00:00Z`);
      expect(early.status).toBe(404);
      expect(early.body.code).toBe('AUDIT.CASE_NOT_YET_OPENED');
      const hidden = await get(
        'auditor-xuyi',
        `/audit/credit-records/${ziyangRecord}/as-of?at=2026-06-03T00:00:00Z`,
      );
      expect(hidden.status).toBe(404);
      expect(hidden.body.code).toBe('NOT_FOUND');
      await get('auditor-xuyi', `/audit/cases/${xuyiRecord}/as-of?at=yesterday`).expect(400);
    });
  });

  describe('reviewer activity', () => {
    it('counts what a member of staff did in a period, within the scope', async () => {
      const officer = await accountId('officer-xuyi');
      const res = await get(
        'auditor-province',
        `/audit/staff/${officer}/activity?from=2026-06-01T00:00:00Z&to=2026-07-01T00:00:00Z`,
      ).expect(200);
      expect(res.body).toMatchObject({
        account: { username: 'officer-xuyi', displayName: '盱眙县经办人', authorityCode: '320830' },
        total: 2,
        cases: 1,
      });
      expect(res.body.byAction).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            action: 'register',
            count: 1,
            label: { zh: '登记信用记录', en: 'Register the record' },
          }),
          expect.objectContaining({ action: 'shield', count: 1 }),
        ]),
      );
      expect(res.body.steps.items).toHaveLength(2);
      const later = await get('auditor-xuyi', `/audit/staff/${officer}/activity?from=2026-06-02T00:00:00Z`);
      expect(later.body.total).toBe(1);
      await get('auditor-xuyi', `/audit/staff/${await accountId('officer-ziyang')}/activity`).expect(404);
    });
  });

  describe('access log', () => {
    it('records reads of a case and of an export, visible to auditors of the authority only', async () => {
      await get('auditor-xuyi', `/cases/${xuyiRecord}`).expect(200);
      await get('auditor-xuyi', `/audit/decisions?action=register&format=csv`).expect(200);
      await t.app.get(AccessLog).flush();
      const res = await get('auditor-xuyi', '/audit/access-log?actor=auditor-xuyi').expect(200);
      const entries = res.body.items as { kind: string; resourceId: string; [k: string]: unknown }[];
      expect(entries.find((e) => e.kind === 'case' && e.resourceId === xuyiRecord)).toMatchObject({
        actor: { name: '盱眙县审计', role: 'auditor', authorityCode: '320830' },
        authorityCode: '320830',
        subjectCode: DEMO_SUBJECTS.xuyiTongda.code,
        correlationId: expect.any(String),
      });
      expect(entries.find((e) => e.kind === 'audit-export')).toMatchObject({
        resourceId: 'decisions.csv',
        detail: { query: { action: 'register', format: 'csv' } },
      });
      // JSON searches are not exports; the trail read earlier is logged too.
      expect(entries.some((e) => e.kind === 'audit-export' && e.resourceId === 'decisions.undefined')).toBe(
        false,
      );
      expect(entries.some((e) => e.kind === 'audit-trail' && e.resourceId === xuyiRecord)).toBe(true);

      const province = await get('auditor-province', `/audit/access-log?subject=${xuyiRecord}`).expect(200);
      expect(province.body.items.length).toBeGreaterThan(0);
      // Reads of the Sichuan record belong to Sichuan's auditors, not to Jiangsu's.
      await get('admin', `/cases/${ziyangRecord}`).expect(200);
      await t.app.get(AccessLog).flush();
      const hidden = await get('auditor-province', `/audit/access-log?subject=${ziyangRecord}`).expect(200);
      expect(hidden.body.items).toEqual([]);
      const visible = await get('admin', `/audit/access-log?subject=${ziyangRecord}`).expect(200);
      expect(visible.body.items[0]).toMatchObject({ kind: 'case', authorityCode: '512000' });
    });

    it('is append-only for the application', async () => {
      await expect(t.database.db.query('DELETE FROM access_log')).rejects.toThrow(/permission denied/);
      await expect(t.database.superuser.query('DELETE FROM access_log')).rejects.toThrow(/append-only/);
    });
  });
});

describe('projector in the API process (RUN_WORKER)', () => {
  it('follows new events without being asked and stops with the app', async () => {
    const t = await createTestApp({ RUN_WORKER: 'true', WORKER_POLL_MS: '50' });
    try {
      await seedDemoIdentities(t);
      const officer = await loginAs(t, 'officer-xuyi');
      const res = await t.http
        .post('/api/v1/credit-records')
        .auth(officer, { type: 'bearer' })
        .send(recordBody(DEMO_SUBJECTS.xuyiTongda, '盱交罚〔2026〕0701号'))
        .expect(201);
      let rows = 0;
      for (let i = 0; i < 300 && rows === 0; i++) {
        await sleep(50);
        const found = await t.database.db.query('SELECT 1 FROM audit_decisions WHERE case_id = $1', [
          res.body.id,
        ]);
        rows = found.rowCount ?? 0;
      }
      expect(rows).toBe(1);
    } finally {
      await t.close();
    }
  });
});
