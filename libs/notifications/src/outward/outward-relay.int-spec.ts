import { seedIdentityDemo } from '@credence/identity';
import { loadEnv, ManualClock } from '@credence/shared';
import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database';
import { openCaseEngine } from '../../../workflow/src/testing/open-case-engine';
import { Contacts } from '../contacts';
import { NotificationProjector } from '../notification-projector';
import { openProbe, probeCaseType } from '../testing/probe-case';
import { RecordingSmsGateway } from '../testing/recording-sms-gateway';
import { startSmtpSink } from '../testing/smtp-sink';
import { OutwardChannels } from './outward-channel';
import { OutwardRelay } from './outward-relay';
import { SmsChannel } from './sms-gateway';
import { SmtpChannel } from './smtp-channel';

/** E-mail through a real SMTP conversation (an in-process server) and SMS through a recording gateway. */
describe('OutwardRelay', () => {
  let t: TestDatabase;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let channels: OutwardChannels;
  let projector: NotificationProjector;
  let relay: OutwardRelay;
  let probe: Awaited<ReturnType<typeof openProbe>>;
  const sms = new RecordingSmsGateway();
  const clock = new ManualClock(new Date('2026-06-01T02:00:00Z'));
  const env = loadEnv({ NODE_ENV: 'test', OUTWARD_MAX_ATTEMPTS: '3', OUTWARD_BACKOFF_BASE_MS: '1000' });

  const messagesOf = async (eventId: string) =>
    (
      await t.db.query<{
        id: string;
        channel: string;
        status: string;
        attempts: number;
        last_error: string | null;
      }>(
        `SELECT m.id::text, m.channel, m.status, m.attempts, m.last_error FROM outward_messages m
           JOIN notifications n ON n.id = m.notification_id WHERE n.event_id = $1 ORDER BY m.channel`,
        [eventId],
      )
    ).rows;

  beforeAll(async () => {
    t = await createTestDatabase();
    sink = await startSmtpSink();
    channels = new OutwardChannels([
      new SmtpChannel(sink.url, 'Credence <no-reply@credence.local>', { timeoutMs: 5000 }),
      new SmsChannel(sms),
    ]);
    await seedIdentityDemo(t.db, env, () => undefined);
    const { rows } = await t.db.query<{ id: string }>(
      `SELECT id::text FROM accounts WHERE username = 'applicant-a'`,
    );
    await new Contacts(t.db, clock).set(
      rows[0].id,
      { email: 'tongda@example.com', phone: '13800138000' },
      rows[0].id,
    );
    const { engine } = openCaseEngine(t.db, clock, [probeCaseType]);
    projector = new NotificationProjector(t.db, env, channels);
    relay = new OutwardRelay(t.db, clock, env, channels);
    probe = await openProbe(engine);
  });
  afterAll(async () => {
    channels.close();
    await sink.close();
    await t.drop();
  });

  it('sends the 补正 request by e-mail and SMS, in Chinese, with its items', async () => {
    const eventId = await probe.emit('RepairSupplementRequested', {
      items: ['整改报告'],
      reasons: ['缺少整改报告'],
    });
    await projector.drain();
    await relay.drain();
    const [email, text] = await messagesOf(eventId);
    expect([email.status, text.status]).toEqual(['sent', 'sent']);
    const mail = sink.received.find(
      (m) => /^x-credence-message-id:/im.test(m.raw) && m.raw.includes(email.id),
    )!;
    expect(mail.to).toEqual(['tongda@example.com']);
    expect(mail.raw).toContain('Subject: =?UTF-8?'); // the Chinese subject, encoded
    expect(sms.sent.find((s) => s.messageId === text.id)?.text).toContain('补正事项：整改报告。');
  });

  it('retries an e-mail the server refused, with backoff, and sends it once when the server accepts', async () => {
    sink.state.refuse = 2;
    const eventId = await probe.emit('RepairRejected', { reasons: ['材料不实'] });
    await projector.drain();
    await relay.pollOnce();
    let [email] = await messagesOf(eventId);
    expect(email).toMatchObject({ status: 'pending', attempts: 1 });
    expect(email.last_error).toContain('451');
    // Not due again until its backoff has passed.
    expect(await relay.pollOnce()).toBe(0);
    clock.advance(1000);
    await relay.pollOnce();
    [email] = await messagesOf(eventId);
    expect(email).toMatchObject({ status: 'pending', attempts: 2 });
    clock.advance(2000);
    await relay.pollOnce();
    [email] = await messagesOf(eventId);
    expect(email).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
    expect(sink.received.filter((m) => m.raw.includes(email.id))).toHaveLength(1);
  });

  it('makes a message that keeps failing a dead letter after OUTWARD_MAX_ATTEMPTS and stops trying it', async () => {
    sms.refuseNext = 10;
    const eventId = await probe.emit('RepairApprovalRevoked', { reasons: ['提供虚假材料'] });
    await projector.drain();
    for (let i = 0; i < 3; i += 1) {
      await relay.pollOnce();
      clock.advance(3_600_000);
    }
    const [email, text] = await messagesOf(eventId);
    expect(email.status).toBe('sent');
    expect(text).toMatchObject({ channel: 'sms', status: 'dead', attempts: 3 });
    expect(await relay.pollOnce()).toBe(0);
    sms.refuseNext = 0;
  });
});
