import { createHash } from 'node:crypto';
import { signature } from '@credence/delivery';
import { DEMO_SUBJECTS } from '@credence/identity';
import { ReactionRunner } from '@credence/workflow';
import { samplePdf } from '../../../libs/materials/src/testing/sample-files';
import { authed } from '../../setup/auth';
import type { TestApp } from '../../setup/create-test-app';

/** The subject whose records the delivery tests decide, and the basis a repair approval cites. */
export const SUBJECT = DEMO_SUBJECTS.xuyiTongda;
export const REPAIR_BASIS = '《信用修复管理办法》（国家发展和改革委员会令第36号）第十二条';
export const REPAIR_COMMITMENT = {
  content: '本单位承诺已纠正失信行为，所提交材料真实有效，自愿接受社会监督，如违反承诺愿承担相应责任。',
  consentToPublish: true,
};

/** The officer who registers and decides, and the applicant of SUBJECT who applies. */
export interface DeliveryActors {
  officer: string;
  applicant: string;
}

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** A general road-transport penalty of SUBJECT, registered by its finding authority: the record id. */
export async function registerRecord(
  t: TestApp,
  officer: string,
  decisionNumber: string,
  decisionDate = '2026-01-05',
): Promise<string> {
  return (
    await authed(t, officer)
      .post('/api/v1/credit-records', {
        subject: { type: 'legal_person', code: SUBJECT.code, name: SUBJECT.name },
        kind: 'administrative_penalty',
        severity: 'general',
        field: 'road_transport',
        decisionNumber,
        decisionDate,
        facts: '未按规定进行车辆年度审验。',
        legalBasis: '《道路运输条例》第七十条',
      })
      .expect(201)
  ).body.id as string;
}

/** A PDF the applicant uploads (distinct bytes per seed, as files are content-addressed): the file id. */
export async function uploadPdf(
  t: TestApp,
  applicant: string,
  seed: string,
  fileName: string,
): Promise<string> {
  return (
    await t.http
      .post('/api/v1/files')
      .auth(applicant, { type: 'bearer' })
      .attach('file', samplePdf(seed), fileName)
      .expect(201)
  ).body.id as string;
}

/** Applies for repair of the record with the file as correction proof; the officer accepts and approves: its id. */
export async function approveRepair(
  t: TestApp,
  { officer, applicant }: DeliveryActors,
  recordId: string,
  fileId: string,
): Promise<string> {
  const id = (
    await authed(t, applicant)
      .post('/api/v1/repair-applications', {
        recordId,
        materials: [{ fileId, category: 'correction_proof' }],
        commitment: REPAIR_COMMITMENT,
      })
      .expect(201)
  ).body.id as string;
  await authed(t, applicant).post(`/api/v1/repair-applications/${id}/submit`).expect(200);
  await authed(t, officer).post(`/api/v1/repair-applications/${id}/accept`).expect(200);
  await authed(t, officer)
    .post(`/api/v1/repair-applications/${id}/approve`, {
      legalBasis: REPAIR_BASIS,
      reasons: ['已履行处罚决定'],
    })
    .expect(200);
  return id;
}

/**
 * A record decided in January, applied for, accepted and approved, with the reactions run (the outbox rows written):
 * the application id.
 */
export async function approvedApplication(
  t: TestApp,
  actors: DeliveryActors,
  decisionNumber: string,
  fileSeed: string,
): Promise<string> {
  const recordId = await registerRecord(t, actors.officer, decisionNumber);
  const fileId = await uploadPdf(t, actors.applicant, fileSeed, '罚款缴纳凭证.pdf');
  const id = await approveRepair(t, actors, recordId, fileId);
  await t.app.get(ReactionRunner).drain();
  return id;
}

/** An admin registers a platform reached over HTTP. */
export async function registerPlatform(
  t: TestApp,
  admin: string,
  platform: { code: string; name: string; endpoint: string; secret: string },
): Promise<void> {
  await t.http
    .put(`/api/v1/platforms/${platform.code}`)
    .auth(admin, { type: 'bearer' })
    .send({ name: platform.name, transport: 'http', endpoint: platform.endpoint, secret: platform.secret })
    .expect(201);
}

/** A receipt as the platform sends it: the exact body bytes, signed with its secret at `at`. */
export function signedReceipt(
  t: TestApp,
  messageId: string,
  body: object,
  platform: string,
  secret: string,
  at = t.clock.now(),
) {
  const raw = JSON.stringify(body);
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return t.http
    .post(`/api/v1/deliveries/${messageId}/receipt`)
    .set('Content-Type', 'application/json')
    .set('X-Credence-Platform', platform)
    .set('X-Credence-Timestamp', timestamp)
    .set('X-Credence-Signature', signature(secret, timestamp, raw))
    .send(raw);
}

/** The platform fetching a message's decision document, signed with its secret over the message id. */
export function signedDocumentFetch(t: TestApp, messageId: string, platform: string, secret: string) {
  const timestamp = String(Math.floor(t.clock.now().getTime() / 1000));
  return t.http
    .get(`/api/v1/deliveries/${messageId}/document`)
    .set('X-Credence-Platform', platform)
    .set('X-Credence-Timestamp', timestamp)
    .set('X-Credence-Signature', signature(secret, timestamp, messageId));
}

/** The bytes of a download (a decision document, a notice) as the bearer of `token` gets them. */
export async function downloadBytes(t: TestApp, token: string, url: string): Promise<Buffer> {
  const res = await t.http
    .get(url)
    .auth(token, { type: 'bearer' })
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c)).on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  return res.body as Buffer;
}
