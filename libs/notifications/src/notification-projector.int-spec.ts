import { seedIdentityDemo } from '@credence/identity';
import { loadEnv, ManualClock, type Env } from '@credence/shared';
import { openCaseEngine } from '../../workflow/src/testing/open-case-engine';
import { createTestDatabase, type TestDatabase } from '../../../test/setup/test-database';
import { Contacts } from './contacts';
import { NotificationProjector } from './notification-projector';
import { OutwardChannels, type OutwardChannel } from './outward/outward-channel';
import { openProbe, probeCaseType } from './testing/probe-case';

const channel = (name: 'email' | 'sms'): OutwardChannel => ({ name, send: () => Promise.resolve() });

describe('NotificationProjector', () => {
  let t: TestDatabase;
  let env: Env;
  let projector: NotificationProjector;
  let probe: Awaited<ReturnType<typeof openProbe>>;
  const clock = new ManualClock(new Date('2026-06-01T02:00:00Z'));
  const account = async (username: string) =>
    (await t.db.query<{ id: string }>(`SELECT id::text FROM accounts WHERE username = $1`, [username]))
      .rows[0].id;
  const inbox = async (username: string) =>
    (
      await t.db.query<{
        event_id: string;
        event_type: string;
        title_zh: string;
        body_zh: string;
        body_en: string;
        data: Record<string, unknown>;
      }>(
        `SELECT event_id::text, event_type, title_zh, body_zh, body_en, data FROM notifications
          WHERE account_id = $1 ORDER BY created_at, id`,
        [await account(username)],
      )
    ).rows;

  beforeAll(async () => {
    t = await createTestDatabase();
    env = loadEnv({ NODE_ENV: 'test', PUBLIC_BASE_URL: 'https://credit.example.gov.cn/' });
    await seedIdentityDemo(t.db, env, () => undefined);
    const { engine } = openCaseEngine(t.db, clock, [probeCaseType]);
    projector = new NotificationProjector(t.db, env, new OutwardChannels([channel('email'), channel('sms')]));
    probe = await openProbe(engine);
  });
  afterAll(() => t.drop());

  it('tells the subject’s applicants of a 补正 request, with every item and the reason, in both languages', async () => {
    const eventId = await probe.emit('RepairSupplementRequested', {
      items: ['罚款缴纳凭证', '整改报告'],
      reasons: ['缴款凭证不清晰'],
    });
    await projector.drain();
    const [told] = (await inbox('applicant-a')).filter((n) => n.event_id === eventId);
    expect(told.event_type).toBe('RepairSupplementRequested');
    expect(told.title_zh).toBe('请补正材料：XF-320830-2026-000001');
    expect(told.body_zh).toContain('补正事项：罚款缴纳凭证；整改报告。');
    expect(told.body_zh).toContain('理由：缴款凭证不清晰。');
    expect(told.body_en).toContain('Items: 罚款缴纳凭证; 整改报告.');
    expect(told.data).toMatchObject({ items: ['罚款缴纳凭证', '整改报告'], reasons: ['缴款凭证不清晰'] });
    // Another subject's applicant and the staff are not told of it.
    expect((await inbox('applicant-b')).map((n) => n.event_id)).not.toContain(eventId);
    expect((await inbox('officer-xuyi')).map((n) => n.event_id)).not.toContain(eventId);
  });

  it('tells the authority’s staff of an overdue clock of theirs, not another authority’s staff nor the one who acted', async () => {
    const reviewer = await account('reviewer-xuyi');
    const eventId = await probe.emit(
      'ClockElapsed',
      { clock: 'acceptance', dueDate: '2026-06-04' },
      reviewer,
    );
    await projector.drain();
    expect((await inbox('officer-xuyi')).find((n) => n.event_id === eventId)?.body_zh).toContain(
      '2026-06-04',
    );
    expect((await inbox('reviewer-xuyi')).map((n) => n.event_id)).not.toContain(eventId);
    expect((await inbox('officer-ziyang')).map((n) => n.event_id)).not.toContain(eventId);
    expect((await inbox('applicant-a')).map((n) => n.event_id)).not.toContain(eventId);
  });

  it('sends a clock the applicant must beat (the 补正 window) to the applicant', async () => {
    const eventId = await probe.emit('ClockDueSoon', { clock: 'supplement', dueDate: '2026-06-12' });
    await projector.drain();
    expect((await inbox('applicant-a')).map((n) => n.event_id)).toContain(eventId);
    expect((await inbox('officer-xuyi')).map((n) => n.event_id)).not.toContain(eventId);
  });

  it('queues an outward message per channel the recipient has an address for and wants, in their language', async () => {
    const contacts = new Contacts(t.db, clock);
    const applicant = await account('applicant-a');
    await contacts.set(
      applicant,
      { email: 'tongda@example.com', phone: '13800138000', language: 'en' },
      applicant,
    );
    const accepted = await probe.emit('RepairApplicationAccepted', {}); // e-mail only: not worth a text message
    const approved = await probe.emit('RepairApproved', { legalBasis: '《信用修复管理办法》第十二条' });
    await projector.drain();
    const { rows } = await t.db.query<{
      event_id: string;
      channel: string;
      address: string;
      subject: string;
      body: string;
    }>(
      `SELECT n.event_id::text, m.channel, m.address, m.subject, m.body FROM outward_messages m
         JOIN notifications n ON n.id = m.notification_id WHERE m.account_id = $1 ORDER BY m.channel`,
      [applicant],
    );
    expect(rows.filter((r) => r.event_id === accepted).map((r) => r.channel)).toEqual(['email']);
    const approval = rows.filter((r) => r.event_id === approved);
    expect(approval.map((r) => [r.channel, r.address])).toEqual([
      ['email', 'tongda@example.com'],
      ['sms', '13800138000'],
    ]);
    expect(approval[0].subject).toBe('Credit repair approved: XF-320830-2026-000001');
    expect(approval[0].body).toContain('Legal basis: 《信用修复管理办法》第十二条.');
    // Turning a channel off stops it for what comes next.
    await contacts.set(
      applicant,
      { email: 'tongda@example.com', phone: '13800138000', channels: ['email'] },
      applicant,
    );
    const rejected = await probe.emit('RepairRejected', { reasons: ['材料不实'] });
    await projector.drain();
    const { rows: later } = await t.db.query<{ channel: string }>(
      `SELECT m.channel FROM outward_messages m JOIN notifications n ON n.id = m.notification_id
        WHERE n.event_id = $1`,
      [rejected],
    );
    expect(later.map((r) => r.channel)).toEqual(['email']);
  });

  it('notifies each recipient of each event once, with two projectors polling at the same time', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i += 1)
      ids.push(await probe.emit('RepairReviewExtended', { reasons: [`原因${i}`] }));
    const second = new NotificationProjector(t.db, env, new OutwardChannels([]));
    await Promise.all([projector.drain(), second.drain(), projector.drain()]);
    await second.drain();
    const { rows } = await t.db.query<{ n: number; accounts: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT account_id)::int AS accounts FROM notifications
        WHERE event_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(rows[0]).toEqual({ n: 30, accounts: 1 });
  });

  it('ignores events no template names', async () => {
    const before = (await inbox('applicant-a')).length;
    await probe.emit('SomethingInternal', {});
    await projector.drain();
    expect((await inbox('applicant-a')).length).toBe(before);
  });
});
