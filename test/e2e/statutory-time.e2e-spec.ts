import { uuidv7 } from '@credence/shared';
import { DEMO_SUBJECTS } from '@credence/identity';
import { OFFICIAL_SCHEDULES } from '@credence/working-calendar';
import { CaseEngine, CaseTypeRegistry, TimerWorker } from '@credence/workflow';
import {
  CLOCKED_CASE,
  clockedApplicant,
  clockedCaseType,
} from '../../libs/workflow/src/testing/clocked-case';
import { loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';

/** A 2027 schedule shaped like 2026's (the real notice is not out yet): 元旦 is 2027-01-01 … 01-03. */
function schedule2027(without?: string) {
  const y2026 = OFFICIAL_SCHEDULES.find((s) => s.year === 2026)!;
  return {
    year: 2027,
    source: '国务院办公厅关于2027年部分节假日安排的通知（测试）',
    festivals: y2026.festivals
      .filter((f) => f.name !== without)
      .map((f) => ({
        name: f.name,
        holidays: f.holidays.map((d) => d.replace('2026', '2027')),
        makeupWorkdays: [],
      })),
  };
}

describe('statutory time (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let officer: string;
  const get = (url: string, token = officer) => t.http.get(`/api/v1${url}`).auth(token, { type: 'bearer' });

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoIdentities(t);
    t.app.get(CaseTypeRegistry).register(clockedCaseType);
    admin = await loginAs(t, 'admin');
    officer = await loginAs(t, 'officer-xuyi');
  });
  afterAll(() => t.close());

  /** An application filed by a subject of 盱眙 (320830) at the current test time. */
  async function fileApplication(): Promise<string> {
    const caseId = uuidv7();
    await t.app.get(CaseEngine).execute({
      caseType: CLOCKED_CASE,
      caseId,
      eventType: 'Submitted',
      data: {
        authorityCode: '320830',
        authorityPath: '320000/320800/320830',
        subjectCode: DEMO_SUBJECTS.xuyiTongda.code,
        title: `修复申请 ${caseId.slice(-4)}`,
      },
      actor: { ...clockedApplicant, subjectCode: DEMO_SUBJECTS.xuyiTongda.code },
      origin: { correlationId: 'e2e' },
      create: true,
    });
    return caseId;
  }

  describe('calendar queries', () => {
    it('says whether a day is a working day and why', async () => {
      const res = await get('/calendar/working-day?date=2026-10-10').expect(200);
      expect(res.body).toMatchObject({
        date: '2026-10-10',
        working: true,
        kind: 'makeup',
        festival: '国庆节',
        provisional: false,
        reason: { zh: '国庆节调休上班', en: 'a weekend make-up working day (国庆节)' },
      });
      const holiday = await get('/calendar/working-day?date=2026-10-05').expect(200);
      expect(holiday.body).toMatchObject({ working: false, kind: 'holiday' });
    });

    it('computes a due date and a count, marking years without a schedule provisional', async () => {
      const due = await get('/calendar/add-working-days?from=2026-09-28&days=10').expect(200);
      expect(due.body).toMatchObject({
        dueDate: '2026-10-16',
        dueAt: '2026-10-16T16:00:00.000Z',
        provisional: false,
      });
      const provisional = await get('/calendar/add-working-days?from=2026-12-28&days=10').expect(200);
      expect(provisional.body).toMatchObject({
        provisional: true,
        note: { zh: expect.stringContaining('暂定') },
      });
      const count = await get('/calendar/working-days-between?from=2026-09-28&to=2026-10-16').expect(200);
      expect(count.body).toMatchObject({ workingDays: 10, provisional: false });
    });

    it('refuses bad input with problem details', async () => {
      const res = await get('/calendar/add-working-days?from=2026-02-30&days=ten').expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(new Set(res.body.errors.map((e: { field: string }) => e.field))).toEqual(
        new Set(['days', 'from']),
      );
      const span = await get('/calendar/working-days-between?from=1900-01-01&to=2200-12-31').expect(400);
      expect(span.body.errors).toEqual([
        expect.objectContaining({ field: 'to', code: 'CALENDAR.SPAN_TOO_LONG' }),
      ]);
    });
  });

  describe('clocks through the API', () => {
    it('shows each clock in the case view, then due soon and overdue in the staff lists', async () => {
      t.clock.set(new Date('2026-06-01T02:00:00Z')); // Mon 10:00 Beijing
      const caseId = await fileApplication();
      const view = await get(`/cases/${caseId}`).expect(200);
      const acceptance = view.body.clocks.find((c: { name: string }) => c.name === 'acceptance');
      expect(acceptance).toMatchObject({
        kind: 'repair.acceptance',
        label: { zh: '受理时限', en: 'Acceptance' },
        status: 'running',
        paused: false,
        dueDate: '2026-06-04',
        remainingWorkingDays: 3,
        provisional: false,
        dueSoon: false,
        overdue: false,
      });

      t.clock.set(new Date('2026-06-03T02:00:00Z')); // Wed: Wed and Thu remain → due soon
      const soon = await get('/work-items?due=soon').expect(200);
      expect(soon.body.items.map((i: { caseId: string }) => i.caseId)).toContain(caseId);
      expect(soon.body.items.find((i: { caseId: string }) => i.caseId === caseId).due).toMatchObject({
        dueSoon: true,
        overdue: false,
      });

      t.clock.set(new Date('2026-06-05T02:00:00Z')); // Fri: acceptance ran out at Thu 24:00
      await t.app.get(TimerWorker).fireDue();
      const overdue = await get('/deadlines?status=overdue').expect(200);
      expect(overdue.body.items).toEqual([
        expect.objectContaining({ caseId, clock: 'acceptance', overdue: true, dueDate: '2026-06-04' }),
      ]);
      // The province's auditor supervises the subtree; another authority's officer sees nothing.
      const province = await get('/deadlines?status=overdue', await loginAs(t, 'auditor-province')).expect(
        200,
      );
      expect(province.body.total).toBe(1);
      const other = await get('/deadlines?status=overdue', await loginAs(t, 'officer-ziyang')).expect(200);
      expect(other.body.total).toBe(0);

      const after = await get(`/cases/${caseId}`).expect(200);
      expect(after.body.clocks.find((c: { name: string }) => c.name === 'acceptance')).toMatchObject({
        overdue: true,
        overdueWorkingDays: 1,
        remainingWorkingDays: 0,
      });
      expect(after.body.data).toEqual({ escalated: true });
      const history = await get(`/cases/${caseId}/history`).expect(200);
      expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(
        expect.arrayContaining(['ClockStarted', 'ClockDueSoon', 'ClockElapsed', 'AcceptanceOverdue']),
      );
    });

    it('loads a new year only when complete, as a new version, and recomputes provisional deadlines', async () => {
      t.clock.set(new Date('2026-12-24T02:00:00Z'));
      const caseId = await fileApplication();
      const before = await get(`/cases/${caseId}`).expect(200);
      expect(before.body.clocks.find((c: { name: string }) => c.name === 'result')).toMatchObject({
        dueDate: '2027-01-07',
        provisional: true,
      });

      const incomplete = await t.http
        .post('/api/v1/calendar/schedules')
        .auth(admin, { type: 'bearer' })
        .send(schedule2027('端午节'))
        .expect(422);
      expect(incomplete.body).toMatchObject({ code: 'CALENDAR.INVALID_SCHEDULE' });
      await t.http
        .post('/api/v1/calendar/schedules')
        .auth(officer, { type: 'bearer' })
        .send(schedule2027())
        .expect(403);

      const loaded = await t.http
        .post('/api/v1/calendar/schedules')
        .auth(admin, { type: 'bearer' })
        .send(schedule2027())
        .expect(201);
      expect(loaded.body).toMatchObject({ year: 2027, version: 1, recomputedDeadlines: 1 });
      const versions = await get('/calendar/schedules/2027').expect(200);
      expect(versions.body).toEqual([expect.objectContaining({ version: 1, loadedBy: expect.any(String) })]);

      const after = await get(`/cases/${caseId}`).expect(200);
      expect(after.body.clocks.find((c: { name: string }) => c.name === 'result')).toMatchObject({
        dueDate: '2027-01-08',
        provisional: false,
      });
      const history = await get(`/cases/${caseId}/history`).expect(200);
      expect(history.body.events.map((e: { type: string }) => e.type)).toContain('ClockRecomputed');
    });

    it('lets an admin set an authority its own limit, used by clocks started after it takes effect', async () => {
      await t.http
        .post('/api/v1/time-limits')
        .auth(admin, { type: 'bearer' })
        .send({
          key: 'repair.acceptance',
          authorityCode: '320830',
          workingDays: 2,
          effectiveFrom: '2027-01-01',
          labelZh: '受理时限（本单位）',
          labelEn: 'Acceptance (own setting)',
          legalBasisZh: '盱眙县交通运输局信用修复工作规程',
          legalBasisEn: 'Xuyi transport bureau credit repair procedure',
        })
        .expect(201);
      t.clock.set(new Date('2027-01-11T02:00:00Z')); // Mon
      const caseId = await fileApplication();
      const view = await get(`/cases/${caseId}`).expect(200);
      expect(view.body.clocks.find((c: { name: string }) => c.name === 'acceptance')).toMatchObject({
        dueDate: '2027-01-13',
        workingDays: 2,
        label: { zh: '受理时限（本单位）' },
      });
    });
  });
});
