import { DEMO_SUBJECTS } from '@credence/identity';
import type { Response } from 'supertest';
import { samplePdf } from '../../libs/materials/src/testing/sample-files';
import { authed, loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';

const SUBJECT = DEMO_SUBJECTS.xuyiTongda; // applicant-a's company
const REPAIR_COMMITMENT = {
  content: '本单位承诺已纠正失信行为，所提交材料真实有效，自愿接受社会监督，如违反承诺愿承担相应责任。',
  consentToPublish: true,
};
const OBJECTION_COMMITMENT = {
  content: '本单位承诺所提交的异议申请及证明材料真实、合法、有效，如有虚假，愿承担相应法律责任。',
  consent: true,
};
const LICENCE = {
  kind: 'external_licence',
  reference: '苏交运许〔2026〕31号',
  description: '道路运输经营许可证',
};

/**
 * The one action pipeline, the same for every workflow: a stale If-Match is 412 (RFC 9110) and records nothing;
 * concurrent writers without If-Match get one success and 409 for the rest; staff who declared a relation to the
 * subject are refused with the workflow's own 回避 code before anything is gathered.
 */
describe('the action pipeline (e2e)', () => {
  let t: TestApp;
  let officer: string;
  let reviewer: string;
  let applicant: string;
  let admin: string;
  let related: string;
  let serial = 0;

  const as = (token: string) => authed(t, token);
  const versionOf = (res: Response) => Number(JSON.parse(res.headers.etag));
  const eventCount = async (streamId: string) =>
    Number(
      (
        await t.database.superuser.query<{ n: string }>(
          'SELECT count(*) AS n FROM events WHERE stream_id = $1',
          [streamId],
        )
      ).rows[0].n,
    );

  async function record(decisionDate: string): Promise<string> {
    serial += 1;
    const res = await as(officer)
      .post('/api/v1/credit-records', {
        subject: { type: 'legal_person', code: SUBJECT.code, name: SUBJECT.name },
        kind: 'administrative_penalty',
        severity: 'general',
        field: 'road_transport',
        decisionNumber: `盱交罚〔2026〕P${serial}号`,
        decisionDate,
        facts: '未按规定进行车辆年度审验。',
        legalBasis: '《道路运输条例》第七十条',
      })
      .expect(201);
    return res.body.id as string;
  }

  async function submittedRepair(): Promise<{ id: string; version: number }> {
    const recordId = await record('2026-01-05');
    serial += 1;
    const file = await t.http
      .post('/api/v1/files')
      .auth(applicant, { type: 'bearer' })
      .attach('file', samplePdf(`pipeline-${serial}`), '罚款缴纳凭证.pdf')
      .expect(201);
    const created = await as(applicant)
      .post('/api/v1/repair-applications', {
        recordId,
        materials: [{ fileId: file.body.id, category: 'correction_proof' }],
        commitment: REPAIR_COMMITMENT,
      })
      .expect(201);
    const id = created.body.id as string;
    const submitted = await as(applicant).post(`/api/v1/repair-applications/${id}/submit`).expect(200);
    return { id, version: versionOf(submitted) };
  }

  async function filedObjection(): Promise<{ id: string; version: number }> {
    const recordId = await record('2026-05-10');
    const filed = await as(applicant)
      .post('/api/v1/objections', {
        recordId,
        ground: 'wrong',
        statement: '处罚决定书载明的车辆号牌与本公司车辆不符。',
        commitment: OBJECTION_COMMITMENT,
      })
      .expect(201);
    return { id: filed.body.id as string, version: versionOf(filed) };
  }

  async function signedCommitment(): Promise<{ id: string; version: number }> {
    serial += 1;
    const signed = await as(officer)
      .post('/api/v1/commitments', {
        type: 'approval_substitution',
        subject: { type: 'legal_person', code: SUBJECT.code, name: SUBJECT.name },
        matter: `道路货物运输经营许可${serial}`,
        field: 'road_transport',
        specificPromises: ['车辆符合国家规定的技术标准'],
        consentToPublish: false,
      })
      .expect(201);
    return { id: signed.body.id as string, version: versionOf(signed) };
  }

  const takeEffect = (id: string, token = reviewer) =>
    as(token).post(`/api/v1/commitments/${id}/take-effect`, {
      linked: { ...LICENCE, reference: `苏交运许〔2026〕${++serial}号` },
    });

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoIdentities(t);
    [officer, reviewer, applicant, admin] = await Promise.all(
      ['officer-xuyi', 'reviewer-xuyi', 'applicant-a', 'admin'].map((u) => loginAs(t, u)),
    );
    const account = await as(admin)
      .post('/api/v1/accounts', {
        username: 'reviewer-xuyi-related',
        password: t.env.DEMO_PASSWORD,
        displayName: '盱眙复核员（关联）',
        role: 'senior_reviewer',
        authorityCode: '320830',
      })
      .expect(201);
    await as(admin)
      .post(`/api/v1/accounts/${account.body.id}/related-subjects`, {
        subjectCode: SUBJECT.code,
        reason: '亲属任职',
      })
      .expect(204);
    related = await loginAs(t, 'reviewer-xuyi-related');
  });
  afterAll(() => t.close());

  describe('a stale If-Match is 412 Precondition Failed and records nothing', () => {
    const expectPreconditionFailed = (res: Response, expected: number, current: number) => {
      expect(res.status).toBe(412);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({
        code: 'PRECONDITION_FAILED',
        status: 412,
        expectedVersion: expected,
        currentVersion: current,
      });
    };

    it('on a credit record', async () => {
      const id = await record('2026-05-10');
      const shielded = await as(officer)
        .post(`/api/v1/credit-records/${id}/shield`, { reasons: ['法院裁定批准重整计划'] })
        .set('If-Match', '"1"')
        .expect(200);
      const stale = await as(officer)
        .post(`/api/v1/credit-records/${id}/lift-shield`, { reasons: ['重整计划执行完毕'] })
        .set('If-Match', '"1"');
      expectPreconditionFailed(stale, 1, versionOf(shielded));
      expect(await eventCount(`creditRecord-${id}`)).toBe(versionOf(shielded));
    });

    it('on a repair application', async () => {
      const { id, version } = await submittedRepair();
      const accepted = await as(officer)
        .post(`/api/v1/repair-applications/${id}/accept`)
        .set('If-Match', `"${version}"`)
        .expect(200);
      const stale = await as(officer)
        .post(`/api/v1/repair-applications/${id}/request-supplement`, {
          items: ['罚款缴纳凭证'],
          reasons: ['缺少凭证'],
        })
        .set('If-Match', `"${version}"`);
      expectPreconditionFailed(stale, version, versionOf(accepted));
      expect(await eventCount(`repairApplication-${id}`)).toBe(versionOf(accepted));
    });

    it('on an objection', async () => {
      const { id, version } = await filedObjection();
      const accepted = await as(officer)
        .post(`/api/v1/objections/${id}/accept`)
        .set('If-Match', `W/"${version}"`)
        .expect(200);
      const stale = await as(applicant)
        .post(`/api/v1/objections/${id}/withdraw`, { reasons: ['已与认定单位沟通'] })
        .set('If-Match', `"${version}"`);
      expectPreconditionFailed(stale, version, versionOf(accepted));
    });

    it('on a commitment', async () => {
      const { id, version } = await signedCommitment();
      const inForce = await takeEffect(id).set('If-Match', `"${version}"`).expect(200);
      const stale = await as(officer)
        .post(`/api/v1/commitments/${id}/start-check`, {
          method: 'on_site_inspection',
          description: '现场核查',
        })
        .set('If-Match', `"${version}"`);
      expectPreconditionFailed(stale, version, versionOf(inForce));
    });
  });

  describe('concurrent writers without If-Match: one wins, the others 409', () => {
    const race = async (send: () => Promise<Response>, n = 4) => {
      const statuses = (await Promise.all(Array.from({ length: n }, send))).map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(n - 1);
    };

    it('on a credit record', async () => {
      const id = await record('2026-05-10');
      await race(() =>
        as(officer).post(`/api/v1/credit-records/${id}/shield`, { reasons: ['法院裁定批准重整计划'] }),
      );
      expect(await eventCount(`creditRecord-${id}`)).toBe(2);
    });

    it('on a repair application', async () => {
      const { id } = await submittedRepair();
      await race(() => as(officer).post(`/api/v1/repair-applications/${id}/accept`));
    });

    it('on an objection', async () => {
      const { id } = await filedObjection();
      await race(() => as(officer).post(`/api/v1/objections/${id}/accept`));
    });

    it('on a commitment', async () => {
      const { id } = await signedCommitment();
      await race(() => takeEffect(id), 3);
    });

    it('with If-Match, the writers that lost the race are told their precondition failed', async () => {
      const id = await record('2026-05-10');
      const statuses = (
        await Promise.all(
          Array.from({ length: 4 }, () =>
            as(officer)
              .post(`/api/v1/credit-records/${id}/shield`, { reasons: ['法院裁定批准重整计划'] })
              .set('If-Match', '"1"'),
          ),
        )
      ).map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 412)).toHaveLength(3);
    });
  });

  describe('回避: staff related to the subject are refused with the workflow’s code, and nothing is recorded', () => {
    it('on a repair application', async () => {
      const { id, version } = await submittedRepair();
      const res = await as(related).post(`/api/v1/repair-applications/${id}/accept`).expect(403);
      expect(res.body.code).toBe('REPAIR.REVIEWER_RELATED');
      expect(await eventCount(`repairApplication-${id}`)).toBe(version);
    });

    it('on an objection', async () => {
      const { id, version } = await filedObjection();
      const res = await as(related).post(`/api/v1/objections/${id}/accept`).expect(403);
      expect(res.body.code).toBe('OBJECTION.RELATED_PARTY');
      expect(res.body.title).toContain('盱眙县交通运输局');
      expect(await eventCount(`objection-${id}`)).toBe(version);
    });

    it('on a commitment', async () => {
      const { id, version } = await signedCommitment();
      const res = await takeEffect(id, related).expect(403);
      expect(res.body.code).toBe('COMMITMENT.STAFF_RELATED');
      expect(await eventCount(`commitment-${id}`)).toBe(version);
    });
  });
});
