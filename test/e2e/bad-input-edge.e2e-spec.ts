import { connect } from 'node:net';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authed, loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';

/** Issue 14, items 5–11: each input that once answered 500 now answers a coded 4xx problem. */
describe('bad input at the edge', () => {
  let t: TestApp;
  let admin: ReturnType<typeof authed>;
  let officer: ReturnType<typeof authed>;
  let auditor: ReturnType<typeof authed>;
  let applicant: ReturnType<typeof authed>;
  let recordId: string;

  const record = {
    subject: { type: 'legal_person', code: '91320830MA1XY0012B', name: '盱眙通达道路运输有限公司' },
    kind: 'administrative_penalty',
    severity: 'general',
    field: 'road_transport',
    decisionNumber: '盱交罚〔2026〕0099号',
    decisionDate: '2026-05-10',
    facts: '道路运输车辆未按规定进行年度审验。',
  };

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoIdentities(t);
    admin = authed(t, await loginAs(t, 'admin'));
    officer = authed(t, await loginAs(t, 'officer-xuyi'));
    auditor = authed(t, await loginAs(t, 'auditor-xuyi'));
    applicant = authed(t, await loginAs(t, 'applicant-a'));
    recordId = ((await officer.post('/api/v1/credit-records', record).expect(201)).body as { id: string }).id;
  });
  afterAll(() => t.close());

  interface Problem {
    code: string;
    errors?: { field: string; code: string; message: string }[];
  }
  const problem = (
    res: { status: number; headers: Record<string, string>; body: unknown },
    status: number,
    code: string,
  ): Problem => {
    expect({ status: res.status, code: (res.body as Problem).code }).toEqual({ status, code });
    expect(res.headers['content-type']).toContain('application/problem+json');
    return res.body as Problem;
  };
  const fieldsOf = (p: Problem) => (p.errors ?? []).map((e) => `${e.field}:${e.code}`);

  describe('5. NUL and lone surrogates are refused, naming the field', () => {
    it('in a nested body field', async () => {
      const res = await officer.post('/api/v1/credit-records', {
        ...record,
        subject: { ...record.subject, name: '盱眙\u0000通达' },
      });
      expect(fieldsOf(problem(res, 400, 'INPUT_INVALID_CHARACTERS'))).toEqual([
        'subject.name:invalidCharacters',
      ]);
    });

    it('a lone surrogate, as JSON escapes it', async () => {
      const res = await officer.post('/api/v1/credit-records', { ...record, facts: 'x\ud800y' });
      expect(fieldsOf(problem(res, 400, 'INPUT_INVALID_CHARACTERS'))).toEqual(['facts:invalidCharacters']);
    });

    it('in an array item and in a key', async () => {
      const inArray = await officer.post(`/api/v1/objections/${recordId}/request-supplement`, {
        items: ['ok', '\udc00'],
      });
      expect(fieldsOf(problem(inArray, 400, 'INPUT_INVALID_CHARACTERS'))).toEqual([
        'items.1:invalidCharacters',
      ]);
      const inKey = await officer.post('/api/v1/credit-records', { ...record, 'a\u0000': 1 });
      problem(inKey, 400, 'INPUT_INVALID_CHARACTERS');
    });

    it('in the query string', async () => {
      const res = await officer.get('/api/v1/credit-records?subjectCode=%00');
      expect(fieldsOf(problem(res, 400, 'INPUT_INVALID_CHARACTERS'))).toEqual([
        'subjectCode:invalidCharacters',
      ]);
      const audit = await admin.get('/api/v1/audit/evidence?subjectCode=a%00b');
      problem(audit, 400, 'INPUT_INVALID_CHARACTERS');
    });

    it('in a path segment', async () => {
      problem(await t.http.get('/api/v1/public/subjects/a%00b/records'), 400, 'INPUT_INVALID_CHARACTERS');
    });

    it('in the text of an audit verification', async () => {
      const res = await admin.post('/api/v1/audit/verifications', { streamId: 'a\u0000b' });
      problem(res, 400, 'INPUT_INVALID_CHARACTERS');
    });

    it('while well-formed pairs, CJK extension characters and emoji pass', async () => {
      await officer
        .post('/api/v1/credit-records', {
          ...record,
          decisionNumber: '盱交罚〔2026〕0100号',
          facts: '𠮷野家 🚚 车辆未年审',
        })
        .expect(201);
    });
  });

  describe('6. required nested objects are enforced', () => {
    it('subject missing, an array or a string on POST /credit-records', async () => {
      const { subject: _omitted, ...withoutSubject } = record;
      expect(
        fieldsOf(
          problem(await officer.post('/api/v1/credit-records', withoutSubject), 400, 'VALIDATION_FAILED'),
        ),
      ).toContain('subject:isDefined');
      for (const subject of [[], [record.subject], 'x', null]) {
        const res = await officer.post('/api/v1/credit-records', { ...record, subject });
        expect(fieldsOf(problem(res, 400, 'VALIDATION_FAILED'))).toContain('subject:isObject');
      }
    });

    it('correction missing on technical-correction', async () => {
      const res = await admin.post(`/api/v1/credit-records/${recordId}/technical-correction`, {
        reasons: ['平台差错'],
      });
      expect(fieldsOf(problem(res, 400, 'VALIDATION_FAILED'))).toContain('correction:isDefined');
    });

    it('commitment missing on POST /objections', async () => {
      const res = await applicant.post('/api/v1/objections', {
        recordId,
        ground: 'wrong',
        statement: '车辆号牌与本公司车辆不符',
      });
      expect(fieldsOf(problem(res, 400, 'VALIDATION_FAILED'))).toContain('commitment:isDefined');
    });

    it('periods missing, or one band an array, on POST /rule-sets', async () => {
      const ruleSet = {
        code: 'province-js-2027',
        nameZh: '江苏规则',
        nameEn: 'Jiangsu rules',
        legalBasis: '《江苏省社会信用条例》',
        effectiveFrom: '2027-01-01',
      };
      const missing = await admin.post('/api/v1/rule-sets', ruleSet);
      expect(fieldsOf(problem(missing, 400, 'VALIDATION_FAILED'))).toContain('periods:isDefined');
      const band = { minimumMonths: 3, maximumMonths: 12 };
      const arrayBand = await admin.post('/api/v1/rule-sets', {
        ...ruleSet,
        periods: { minor: band, general: band, serious: [] },
      });
      expect(fieldsOf(problem(arrayBand, 400, 'VALIDATION_FAILED'))).toContain('periods.serious:isObject');
    });

    it('fieldMinimums must map known fields to bounded months', async () => {
      const band = { minimumMonths: 3, maximumMonths: 12 };
      const res = await admin.post('/api/v1/rule-sets', {
        code: 'province-js-2028',
        nameZh: '江苏规则',
        nameEn: 'Jiangsu rules',
        legalBasis: '《江苏省社会信用条例》',
        effectiveFrom: '2028-01-01',
        periods: { minor: band, general: band, serious: band },
        fieldMinimums: { road_transport: 1e20 },
      });
      expect(fieldsOf(problem(res, 400, 'VALIDATION_FAILED'))).toContain('fieldMinimums:isFieldMinimums');
    });

    it('an array where a list of nested objects belongs holds objects only', async () => {
      const res = await admin.post('/api/v1/calendar/schedules', {
        year: 2027,
        source: '通知',
        festivals: [[]],
      });
      expect(fieldsOf(problem(res, 400, 'VALIDATION_FAILED'))).toContain('festivals:isObject');
    });
  });

  describe('7. huge integers are bounded, the message naming the limit', () => {
    it.each([
      ['/api/v1/credit-records?page=99999999999999999999', 'page:max'],
      ['/api/v1/accounts?offset=99999999999999999999', 'offset:max'],
      ['/api/v1/accounts?offset=1e308', 'offset:max'],
      ['/api/v1/accounts?limit=99999999999999999999', 'limit:max'],
      ['/api/v1/audit/proofs/consistency?from=1&to=99999999999999999999', 'to:max'],
    ])('%s', async (url, expected) => {
      const body = problem(await admin.get(url), 400, 'VALIDATION_FAILED');
      expect(fieldsOf(body)).toContain(expected);
      expect(body.errors?.find((e) => `${e.field}:${e.code}` === expected)?.message).toMatch(/\d{2,}/);
    });

    it('a year in the path', async () => {
      const res = await admin
        .get('/api/v1/calendar/schedules/99999999999999999999')
        .set('Accept-Language', 'en');
      const body = problem(res, 400, 'VALIDATION_FAILED');
      expect(body.errors).toEqual([{ field: 'year', code: 'max', message: 'must not be greater than 2200' }]);
      await admin.get('/api/v1/calendar/schedules/2026').expect(200);
    });
  });

  describe('8. deeply nested JSON is refused before it is parsed', () => {
    const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    it.each(['/api/v1/credit-records', '/api/v1/auth/login'])('POST %s', async (url) => {
      const res = await t.http
        .post(url)
        .auth(await loginAs(t, 'officer-xuyi'), { type: 'bearer' })
        .set('Content-Type', 'application/json')
        .send(`{"subject":${deep(1500)}}`);
      problem(res, 400, 'JSON_TOO_DEEP');
    });

    it('objects inside objects count too, and 32 levels still pass the parser', async () => {
      const tooDeep = `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`;
      const res = await t.http
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send(tooDeep);
      problem(res, 400, 'JSON_TOO_DEEP');
      const fine = `{"username":"x","password":"yyyyyyyy","n":${'['.repeat(30)}"[{"${']'.repeat(30)}}`;
      const ok = await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send(fine);
      problem(ok, 400, 'VALIDATION_FAILED');
    });
  });

  it('9. related subject for an unknown account is a 404, not a foreign-key 500', async () => {
    const res = await admin.post('/api/v1/accounts/00000000-0000-7000-8000-000000000000/related-subjects', {
      subjectCode: '91320830MA1XY0012B',
    });
    problem(res, 404, 'NOT_FOUND');
  });

  it('10. the deadline list answers for every staff role and status', async () => {
    for (const who of [officer, auditor, admin]) {
      for (const query of ['', '?status=running', '?status=paused', '?status=due-soon', '?status=overdue']) {
        const res = await who.get(`/api/v1/deadlines${query}`);
        expect({ query, status: res.status }).toEqual({ query, status: 200 });
      }
    }
  });

  describe('11. requests Node refuses before Express answer problem+json too', () => {
    /** Writes raw bytes to the app's own listener and reads the whole answer (the server closes the connection). */
    async function raw(request: string): Promise<{ head: string; body: unknown }> {
      const server = t.app.getHttpServer() as Server;
      if (!server.listening) await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
      const { port } = server.address() as AddressInfo;
      const response = await new Promise<string>((ok, fail) => {
        const socket = connect(port, '127.0.0.1');
        let text = '';
        socket.on('data', (chunk) => (text += chunk.toString()));
        socket.on('end', () => ok(text));
        socket.on('error', fail);
        socket.write(request);
      });
      const [head, body] = response.split('\r\n\r\n');
      return { head: head ?? '', body: JSON.parse(body ?? 'null') };
    }

    it('oversized headers: 431', async () => {
      const { head, body } = await raw(
        `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`,
      );
      expect(head).toMatch(/^HTTP\/1\.1 431 /);
      expect(head).toMatch(/content-type: application\/problem\+json/i);
      expect(body).toMatchObject({ status: 431, code: 'REQUEST_HEADERS_TOO_LARGE' });
    });

    it('a malformed request line: 400', async () => {
      const { head, body } = await raw('GET /health HTTP/9 what\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 400 /);
      expect(body).toMatchObject({ status: 400, code: 'MALFORMED_REQUEST' });
    });
  });
});
