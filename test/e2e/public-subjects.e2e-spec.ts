import { buildUscc } from '@credence/shared';
import { DEMO_SUBJECTS } from '@credence/identity';
import { authed, loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';

const TONGDA = DEMO_SUBJECTS.xuyiTongda;
/** Another 通达 whose only record is shielded: nothing about it is public. */
const SHIELDED = { code: buildUscc('91', '320830', 'MA1XY0T1'), name: '盱眙通达汽车服务有限公司' };
/** A subject known to the public only by a commitment it published. */
const PROMISER = { code: buildUscc('91', '320830', 'MA1XY0C1'), name: '淮安通达货运有限公司' };
/** A name with LIKE wildcards in it, which a search must read as letters. */
const PERCENT = { code: buildUscc('91', '320830', 'MA1XY0P1'), name: '百分100%物流有限公司' };

const record = (subject: { code: string; name: string }, n: number) => ({
  subject: { type: 'legal_person', code: subject.code, name: subject.name },
  kind: 'administrative_penalty',
  severity: 'general',
  field: 'road_transport',
  decisionNumber: `盱交罚〔2026〕S${n}号`,
  decisionDate: '2026-05-10',
  facts: '道路运输车辆未按规定进行年度审验，继续从事经营活动。',
});

interface Page {
  items: { code: string; name: string; publishedRecords: number; publicCommitments: number }[];
  total: number;
  page: number;
  pageSize: number;
}

/** GET /api/v1/public/subjects?name=: who has something public now, found by a part of the name, without login. */
describe('public search of subjects by name (e2e)', () => {
  let t: TestApp;
  const search = (query: string) => t.http.get(`/api/v1/public/subjects?${query}`);

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoIdentities(t);
    const officer = authed(t, await loginAs(t, 'officer-xuyi'));
    await officer.post('/api/v1/credit-records', record(TONGDA, 1)).expect(201);
    await officer.post('/api/v1/credit-records', record(TONGDA, 2)).expect(201);
    await officer.post('/api/v1/credit-records', record(PERCENT, 3)).expect(201);
    const shielded = await officer.post('/api/v1/credit-records', record(SHIELDED, 4)).expect(201);
    await officer
      .post(`/api/v1/credit-records/${shielded.body.id}/shield`, { reasons: ['法院裁定批准重整计划'] })
      .expect(200);
    await officer
      .post('/api/v1/commitments', {
        type: 'approval_substitution',
        subject: { type: 'legal_person', code: PROMISER.code, name: PROMISER.name },
        matter: '道路货物运输经营许可',
        field: 'road_transport',
        specificPromises: ['车辆符合国家规定的技术标准'],
        consentToPublish: true,
      })
      .expect(201);
  });
  afterAll(() => t.close());

  it('finds, without login, the subjects with published records or commitments, with what each shows', async () => {
    const res = await search(`name=${encodeURIComponent('通达')}`).expect(200);
    expect(res.headers['ratelimit-limit']).toBeDefined();
    const page = res.body as Page;
    expect(page).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    expect(page.items).toEqual([
      {
        code: PROMISER.code,
        type: 'legal_person',
        name: PROMISER.name,
        publishedRecords: 0,
        publicCommitments: 1,
      },
      {
        code: TONGDA.code,
        type: 'legal_person',
        name: TONGDA.name,
        publishedRecords: 2,
        publicCommitments: 0,
      },
    ]);
  });

  it('never finds a subject with nothing public now (its only record shielded)', async () => {
    const page = (await search(`name=${encodeURIComponent('汽车服务')}`).expect(200)).body as Page;
    expect(page).toMatchObject({ total: 0, items: [] });
  });

  it('reads % and _ as letters, not wildcards', async () => {
    expect((await search('name=%25%25').expect(200)).body.total).toBe(0);
    expect((await search('name=__').expect(200)).body.total).toBe(0);
    const percent = (await search(`name=${encodeURIComponent('100%')}`).expect(200)).body as Page;
    expect(percent.items.map((i) => i.code)).toEqual([PERCENT.code]);
  });

  it('pages, and trims what was typed', async () => {
    const first = (await search(`name=${encodeURIComponent(' 通达 ')}&pageSize=1`).expect(200)).body as Page;
    const second = (await search(`name=${encodeURIComponent('通达')}&pageSize=1&page=2`).expect(200))
      .body as Page;
    expect(first).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect([first.items[0].code, second.items[0].code]).toEqual([PROMISER.code, TONGDA.code]);
  });

  it.each([
    ['no name', ''],
    ['one character', `name=${encodeURIComponent('通')}`],
    ['only spaces', 'name=%20%20%20'],
    ['a name too long', `name=${'通'.repeat(101)}`],
    ['two names', 'name=abc&name=def'],
    ['a page size above 200', 'name=abc&pageSize=500'],
    ['a page of 0', 'name=abc&page=0'],
    ['a page that is not a number', 'name=abc&page=x'],
  ])('refuses %s with a 400 problem naming the field', async (_, query) => {
    const res = await search(query).expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.length).toBeGreaterThan(0);
  });

  it('answers the refusal in English when asked', async () => {
    const res = await search('name=x').set('Accept-Language', 'en').expect(400);
    expect(res.body.title).toMatch(/[A-Za-z]/);
    expect(res.body.errors[0]).toMatchObject({ field: 'name' });
  });
});
