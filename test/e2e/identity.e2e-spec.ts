import { DEMO_SUBJECTS, LoginService, PolicyService } from '@credence/identity';
import { buildUscc } from '@credence/shared';
import { loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';

describe('identity: login, tokens, roles', () => {
  let t: TestApp;
  const login = (username: string, password: string) =>
    t.http.post('/api/v1/auth/login').send({ username, password });

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoIdentities(t);
  });
  afterAll(() => t.close());

  it('logs in and the token works on /auth/me', async () => {
    const res = await login('officer-xuyi', t.env.DEMO_PASSWORD).expect(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: t.env.JWT_TTL_SECONDS });
    const me = await t.http.get('/api/v1/auth/me').auth(res.body.accessToken, { type: 'bearer' }).expect(200);
    expect(me.body).toMatchObject({
      username: 'officer-xuyi',
      role: 'officer',
      authorityCode: '320830',
      authorityPath: '320000/320800/320830',
      subjectCode: null,
    });
  });

  it('answers a wrong password and an unknown user alike: 401, Chinese by default, English on request', async () => {
    const zh = await login('officer-xuyi', 'wrong-password').expect(401);
    expect(zh.headers['content-type']).toContain('application/problem+json');
    expect(zh.body).toMatchObject({ code: 'AUTH.INVALID_CREDENTIALS', title: '用户名或密码错误' });
    const en = await t.http
      .post('/api/v1/auth/login')
      .set('Accept-Language', 'en')
      .send({ username: 'nobody-here', password: 'whatever1' })
      .expect(401);
    expect(en.body).toMatchObject({ code: 'AUTH.INVALID_CREDENTIALS', title: 'Wrong username or password' });
  });

  it('refuses an unknown field in the login body with a field error', async () => {
    const res = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'admin', password: 'x', remember: true })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toContainEqual(
      expect.objectContaining({ field: 'remember', code: 'whitelistValidation' }),
    );
  });

  it('requires a token; a garbage or expired one is refused', async () => {
    expect((await t.http.get('/api/v1/auth/me').expect(401)).body.code).toBe('AUTH.UNAUTHENTICATED');
    const bad = await t.http.get('/api/v1/auth/me').auth('a.b.c', { type: 'bearer' }).expect(401);
    expect(bad.body.code).toBe('AUTH.UNAUTHENTICATED');
    const { JwtService } = await import('@nestjs/jwt');
    const me = await t.http.get('/api/v1/auth/me').auth(await loginAs(t, 'admin'), { type: 'bearer' });
    const expired = t.app
      .get(JwtService)
      .sign(
        { sub: me.body.id, role: 'admin', exp: Math.floor(Date.now() / 1000) - 60 },
        { secret: t.env.JWT_SECRET },
      );
    const res = await t.http.get('/api/v1/auth/me').auth(expired, { type: 'bearer' }).expect(401);
    expect(res.body.code).toBe('AUTH.TOKEN_EXPIRED');
  });

  it('locks a username from one address after LOGIN_MAX_FAILURES failures, even for the right password', async () => {
    const max = t.env.LOGIN_MAX_FAILURES;
    for (let i = 0; i < max; i++) await login('reviewer-ziyang', 'wrong-password').expect(401);
    const right = await login('reviewer-ziyang', t.env.DEMO_PASSWORD).expect(429);
    expect(right.body.code).toBe('AUTH.ACCOUNT_LOCKED');
    expect(Number(right.headers['retry-after'])).toBe(t.env.LOGIN_LOCK_MINUTES * 60);
    // The owner, from another address, still logs in (the lock is per username and source: LoginThrottle).
    await expect(
      t.app.get(LoginService).login('reviewer-ziyang', t.env.DEMO_PASSWORD, '203.0.113.7'),
    ).resolves.toMatchObject({ user: { username: 'reviewer-ziyang' } });
  });

  it('resets the failure count on success', async () => {
    const max = t.env.LOGIN_MAX_FAILURES;
    for (let i = 1; i < max; i++) await login('officer-ziyang', 'wrong-password').expect(401);
    await login('officer-ziyang', t.env.DEMO_PASSWORD).expect(200);
    await login('officer-ziyang', 'wrong-password').expect(401);
  });

  it('admin creates accounts; a bad USCC is a field error; a taken username is 409', async () => {
    const admin = await loginAs(t, 'admin');
    const good = buildUscc('91', '320830', 'MA3NEW03');
    const applicant = {
      username: 'applicant-c',
      password: 'long-enough',
      displayName: '新申请人',
      role: 'applicant',
    };
    const body = { ...applicant, subjectType: 'legal_person', subjectName: '盱眙新公司' };
    const bad = await t.http
      .post('/api/v1/accounts')
      .auth(admin, { type: 'bearer' })
      .send({ ...body, subjectCode: `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}` })
      .expect(400);
    expect(bad.body.errors).toContainEqual(expect.objectContaining({ field: 'subjectCode', code: 'isUscc' }));
    const created = await t.http
      .post('/api/v1/accounts')
      .auth(admin, { type: 'bearer' })
      .send({ ...body, subjectCode: good });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'applicant-c', role: 'applicant', subjectCode: good });
    expect(created.body.passwordHash).toBeUndefined();
    const taken = await t.http
      .post('/api/v1/accounts')
      .auth(admin, { type: 'bearer' })
      .send({ ...body, subjectCode: good });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('IDENTITY.USERNAME_TAKEN');
    const officer = await t.http
      .post('/api/v1/accounts')
      .auth(admin, { type: 'bearer' })
      .send({ username: 'officer-x', password: 'long-enough', displayName: '经办', role: 'officer' })
      .expect(400);
    expect(officer.body.errors).toContainEqual(
      expect.objectContaining({ field: 'authorityCode', code: 'requiredForRole' }),
    );
  });

  it('keeps accounts to admins: an applicant gets 403', async () => {
    const applicant = await loginAs(t, 'applicant-a');
    const res = await t.http.get('/api/v1/accounts').auth(applicant, { type: 'bearer' }).expect(403);
    expect(res.body.code).toBe('AUTH.FORBIDDEN_ROLE');
    const me = await t.http.get('/api/v1/auth/me').auth(applicant, { type: 'bearer' }).expect(200);
    expect(me.body.subjectCode).toBe(DEMO_SUBJECTS.xuyiTongda.code);
    const list = await t.http
      .get('/api/v1/accounts?limit=5')
      .auth(await loginAs(t, 'admin'), { type: 'bearer' });
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(5);
  });

  it('lets staff (the provincial auditor) list authorities with parent and path', async () => {
    const res = await t.http
      .get('/api/v1/authorities')
      .auth(await loginAs(t, 'auditor-province'), { type: 'bearer' });
    expect(res.status).toBe(200);
    expect(res.body).toContainEqual(
      expect.objectContaining({
        code: '320830',
        parentCode: '320800',
        path: '320000/320800/320830',
        level: 'county',
      }),
    );
  });

  it('admin registers an authority under an existing parent; an unknown parent is refused', async () => {
    const admin = await loginAs(t, 'admin');
    const jinhu = {
      code: '320831',
      nameZh: '金湖县交通运输局',
      nameEn: 'Jinhu County Transport Bureau',
      parentCode: '320800',
    };
    const res = await t.http
      .post('/api/v1/authorities')
      .auth(admin, { type: 'bearer' })
      .send(jinhu)
      .expect(201);
    expect(res.body).toMatchObject({
      path: '320000/320800/320831',
      level: 'county',
      department: '交通运输局',
    });
    const orphan = await t.http
      .post('/api/v1/authorities')
      .auth(admin, { type: 'bearer' })
      .send({ ...jinhu, code: '320832', parentCode: '329900' })
      .expect(422);
    expect(orphan.body.code).toBe('IDENTITY.UNKNOWN_AUTHORITY');
  });

  it('rate-limits logins per IP with a TOO_MANY_REQUESTS problem (runs last: it exhausts this app’s quota)', async () => {
    // Different usernames: the per-username counters must not be what answers 429 here.
    let res = await login('nobody-0', 'wrong-password');
    for (let i = 1; i < 100 && res.status !== 429; i++) res = await login(`nobody-${i}`, 'wrong-password');
    expect(res.status).toBe(429);
    expect(res.body.code).toBe('TOO_MANY_REQUESTS');
    expect(res.headers['retry-after']).toBeDefined();
  });
});

/** A token for an account created in the test with its own password. */
async function loginAsWith(t: TestApp, username: string, password: string): Promise<string> {
  const res = await t.http.post('/api/v1/auth/login').send({ username, password }).expect(200);
  return res.body.accessToken as string;
}

describe('account administration (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoIdentities(t);
  });
  afterAll(() => t.close());

  it('deactivation takes effect on the very next request, and can be undone', async () => {
    const admin = await loginAs(t, 'admin');
    const applicant = await loginAs(t, 'applicant-b');
    const me = await t.http.get('/api/v1/auth/me').auth(applicant, { type: 'bearer' }).expect(200);
    await t.http
      .post(`/api/v1/accounts/${me.body.id}/deactivate`)
      .auth(admin, { type: 'bearer' })
      .expect(200);
    expect(
      (await t.http.get('/api/v1/auth/me').auth(applicant, { type: 'bearer' }).expect(401)).body.code,
    ).toBe('AUTH.UNAUTHENTICATED');
    await t.http.post(`/api/v1/accounts/${me.body.id}/activate`).auth(admin, { type: 'bearer' }).expect(200);
    await t.http.get('/api/v1/auth/me').auth(applicant, { type: 'bearer' }).expect(200);
  });

  it('an admin cannot deactivate themselves; unknown accounts are 404', async () => {
    const admin = await loginAs(t, 'admin');
    const me = await t.http.get('/api/v1/auth/me').auth(admin, { type: 'bearer' }).expect(200);
    const self = await t.http
      .post(`/api/v1/accounts/${me.body.id}/deactivate`)
      .auth(admin, { type: 'bearer' })
      .expect(409);
    expect(self.body.code).toBe('IDENTITY.CANNOT_DEACTIVATE_SELF');
    await t.http
      .post('/api/v1/accounts/00000000-0000-7000-8000-000000000000/deactivate')
      .auth(admin, { type: 'bearer' })
      .expect(404);
  });

  it('records a reviewer as related to a subject (回避), with the code validated', async () => {
    const admin = await loginAs(t, 'admin');
    const reviewer = await loginAs(t, 'reviewer-xuyi');
    const me = await t.http.get('/api/v1/auth/me').auth(reviewer, { type: 'bearer' }).expect(200);
    const bad = await t.http
      .post(`/api/v1/accounts/${me.body.id}/related-subjects`)
      .auth(admin, { type: 'bearer' })
      .send({ subjectCode: '91320830MA1XY00120' })
      .expect(400);
    expect(bad.body.errors[0].code).toBe('isSubjectCode');
    await t.http
      .post(`/api/v1/accounts/${me.body.id}/related-subjects`)
      .auth(admin, { type: 'bearer' })
      .send({ subjectCode: DEMO_SUBJECTS.xuyiTongda.code, reason: '近亲属任职' })
      .expect(204);
    const { rows } = await t.database.superuser.query(
      'SELECT subject_code FROM related_parties WHERE account_id = $1',
      [me.body.id],
    );
    expect(rows.map((r: { subject_code: string }) => r.subject_code)).toEqual([
      DEMO_SUBJECTS.xuyiTongda.code,
    ]);
  });

  it('keeps every account change with who made it, lists and withdraws 回避 declarations, and refuses to rewrite history', async () => {
    const admin = await loginAs(t, 'admin');
    const auditor = await loginAs(t, 'auditor-province');
    const me = await t.http.get('/api/v1/auth/me').auth(admin, { type: 'bearer' }).expect(200);
    const created = await t.http
      .post('/api/v1/accounts')
      .auth(admin, { type: 'bearer' })
      .send({
        username: 'officer-history',
        password: 'Ch4nge-me-please!',
        displayName: '变更记录经办人',
        role: 'officer',
        authorityCode: '320830',
      })
      .expect(201);
    const id = created.body.id as string;
    const as = (token: string) => ({ token, type: 'bearer' as const });
    const post = (path: string, body?: object) =>
      t.http.post(`/api/v1/accounts/${id}${path}`).auth(as(admin).token, { type: 'bearer' }).send(body);
    await post('/deactivate').expect(200);
    await post('/deactivate').expect(200); // already so: nothing new is recorded
    await post('/activate').expect(200);
    const subject = DEMO_SUBJECTS.xuyiTongda.code;
    await post('/related-subjects', { subjectCode: subject, reason: '曾任该公司顾问' }).expect(204);
    await post('/related-subjects', { subjectCode: subject, reason: '重复声明' }).expect(204);
    const listed = await t.http
      .get(`/api/v1/accounts/${id}/related-subjects`)
      .auth(admin, { type: 'bearer' })
      .expect(200);
    expect(listed.body).toEqual([
      { subjectCode: subject, reason: '曾任该公司顾问', declaredAt: expect.any(String) },
    ]);
    const noReason = await post('/related-subjects/withdraw', { subjectCode: subject }).expect(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    await post('/related-subjects/withdraw', {
      subjectCode: subject,
      reason: '顾问关系已于2026年解除',
    }).expect(204);
    await post('/related-subjects/withdraw', { subjectCode: subject, reason: '再次撤回' }).expect(404);
    expect(await t.app.get(PolicyService).isRelated(id, subject)).toBe(false);

    const history = await t.http
      .get(`/api/v1/accounts/${id}/history`)
      .auth(auditor, { type: 'bearer' })
      .expect(200);
    expect(history.body.map((c: { change: string }) => c.change)).toEqual([
      'created',
      'deactivated',
      'activated',
      'related-declared',
      'related-withdrawn',
    ]);
    expect(history.body[0]).toMatchObject({
      actorId: me.body.id,
      actorRole: 'admin',
      actorName: me.body.displayName,
      details: { username: 'officer-history', role: 'officer', authorityCode: '320830' },
    });
    expect(JSON.stringify(history.body)).not.toContain('Ch4nge-me-please!');
    expect(history.body[4].details).toEqual({ subjectCode: subject, reason: '顾问关系已于2026年解除' });
    // An auditor of another province does not see the account; officers may not read histories; an unknown
    // account is 404; the table refuses rewriting even to its owner.
    await t.http
      .post('/api/v1/accounts')
      .auth(admin, { type: 'bearer' })
      .send({
        username: 'auditor-sichuan',
        password: 'Ch4nge-me-please!',
        displayName: '资阳审计',
        role: 'auditor',
        authorityCode: '512000',
      })
      .expect(201);
    const sichuan = await loginAsWith(t, 'auditor-sichuan', 'Ch4nge-me-please!');
    await t.http.get(`/api/v1/accounts/${id}/history`).auth(sichuan, { type: 'bearer' }).expect(404);
    const officer = await loginAs(t, 'officer-xuyi');
    await t.http.get(`/api/v1/accounts/${id}/history`).auth(officer, { type: 'bearer' }).expect(403);
    await t.http
      .get('/api/v1/accounts/00000000-0000-7000-8000-000000000000/history')
      .auth(auditor, { type: 'bearer' })
      .expect(404);
    await expect(
      t.database.superuser.query(
        `UPDATE account_changes SET actor_id = 'someone-else' WHERE account_id = $1`,
        [id],
      ),
    ).rejects.toThrow(/append-only/);
  });
});
