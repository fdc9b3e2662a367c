import { DEMO_SUBJECTS } from '@credence/identity';
import { samplePdf } from '../../../libs/materials/src/testing/sample-files';
import { authed, loginAs } from '../../setup/auth';
import type { TestApp } from '../../setup/create-test-app';

/** The subject whose serious record's repair the workbench specs work on (authority 320830, 盱眙). */
export const WORKBENCH_SUBJECT = DEMO_SUBJECTS.xuyiTongda;
export const REPAIR_LEGAL_BASIS = '《信用修复管理办法》第十二条';
const COMMITMENT = {
  content: '本单位承诺已纠正失信行为，所提交材料真实有效，自愿接受社会监督，如违反承诺愿承担相应责任。',
  consentToPublish: true,
};

/**
 * A staff account of authority 320830 created by the admin (optionally related to a subject, so 回避 applies), its id
 * kept in `ids` under its username; answers its token.
 */
export async function createStaff(
  t: TestApp,
  ids: Record<string, string>,
  username: string,
  role: string,
  relatedTo?: string,
): Promise<string> {
  const admin = authed(t, await loginAs(t, 'admin'));
  const created = await admin
    .post('/api/v1/accounts', {
      username,
      password: t.env.DEMO_PASSWORD,
      displayName: username,
      role,
      authorityCode: '320830',
    })
    .expect(201);
  ids[username] = created.body.id as string;
  if (relatedTo)
    await admin
      .post(`/api/v1/accounts/${created.body.id}/related-subjects`, {
        subjectCode: relatedTo,
        reason: '亲属任职',
      })
      .expect(204);
  return loginAs(t, username);
}

/** Keeps the ids of already signed-in accounts in `ids` under their usernames. */
export async function rememberIds(
  t: TestApp,
  ids: Record<string, string>,
  accounts: readonly (readonly [username: string, token: string])[],
): Promise<void> {
  for (const [username, token] of accounts)
    ids[username] = (await authed(t, token).get('/api/v1/auth/me').expect(200)).body.id as string;
}

/**
 * A serious record's repair, accepted: the review step, unclaimed. `decisionNumber` keeps each record distinct;
 * `pdfSeed` names the sample proof's content.
 */
export async function acceptedRepair(
  t: TestApp,
  tokens: { officer: string; applicant: string },
  record: { decisionNumber: string; pdfSeed: string },
): Promise<string> {
  const officer = authed(t, tokens.officer);
  const applicant = authed(t, tokens.applicant);
  const recorded = await officer
    .post('/api/v1/credit-records', {
      subject: { type: 'legal_person', code: WORKBENCH_SUBJECT.code, name: WORKBENCH_SUBJECT.name },
      kind: 'administrative_penalty',
      severity: 'serious',
      field: 'road_transport',
      decisionNumber: record.decisionNumber,
      decisionDate: '2025-05-06',
      facts: '未按规定进行车辆年度审验。',
      legalBasis: '《道路运输条例》第七十条',
    })
    .expect(201);
  const file = await t.http
    .post('/api/v1/files')
    .auth(tokens.applicant, { type: 'bearer' })
    .attach('file', samplePdf(record.pdfSeed), '罚款缴纳凭证.pdf')
    .expect(201);
  const created = await applicant
    .post('/api/v1/repair-applications', {
      recordId: recorded.body.id,
      materials: [{ fileId: file.body.id, category: 'correction_proof' }],
      commitment: COMMITMENT,
    })
    .expect(201);
  const id = created.body.id as string;
  await applicant.post(`/api/v1/repair-applications/${id}/submit`).expect(200);
  await officer.post(`/api/v1/repair-applications/${id}/accept`).expect(200);
  return id;
}

/** The review's recommendation to approve, by the holder `token`. */
export const recommendApproval = (t: TestApp, id: string, token: string) =>
  authed(t, token).post(`/api/v1/repair-applications/${id}/recommend`, {
    recommendation: 'approve',
    opinion: '已缴清罚款并完成整改，建议准予修复。',
    reasons: ['罚款已缴纳'],
  });
