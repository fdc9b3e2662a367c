import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { SigningKey } from '@credence/audit';
import { PasswordHasher } from '@credence/identity';
import { loadEnv, ManualClock, TEST_SECRETS_KEY } from '@credence/shared';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';

const JWT_SECRET = 'vJ3q8Zt0yKc5Lw7NbRr2XhUe9GfPaDs4MiTo1Ek6';
const METRICS_TOKEN = 'mT4k9Qz2Lr7Xw1Vb8Ns3Jd6Hf0Gc5Pa-scrape';
/** The secret earlier versions signed tokens with by default, as published with their source. */
const PUBLISHED_DEVELOPMENT_SECRET = 'credence-development-secret-not-for-production';
const OWN_PASSWORD = 'Kq7!officer-ziyang-own';

/**
 * A production start on a database a development start once seeded: the demo logins stop working (but an account
 * given its own password keeps it), /metrics needs its bearer token, and no token signed with a secret from the
 * source is accepted.
 */
describe('a production start (e2e)', () => {
  let dev: TestApp;
  let prod: INestApplication;
  let prodHttp: ReturnType<typeof request>;
  let devAdminToken: string;

  const login = (http: ReturnType<typeof request>, username: string, password: string) =>
    http.post('/api/v1/auth/login').send({ username, password });

  beforeAll(async () => {
    dev = await createTestApp();
    await seedDemoIdentities(dev);
    devAdminToken = await loginAs(dev, 'admin');
    await dev.database.superuser.query(
      `UPDATE accounts SET password_hash = $1 WHERE username = 'officer-ziyang'`,
      [await new PasswordHasher().hash(OWN_PASSWORD)],
    );
    const env = loadEnv({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      RUN_WORKER: 'false',
      DATABASE_URL: dev.database.url,
      JWT_SECRET,
      METRICS_TOKEN,
      SECRETS_KEY: TEST_SECRETS_KEY,
      AUDIT_SIGNING_KEY: SigningKey.generatePem('ed25519'),
    });
    const moduleRef = await Test.createTestingModule({
      imports: [
        AppModule.forRoot({ env, databaseUrl: dev.database.url, clock: new ManualClock(dev.clock.now()) }),
      ],
    }).compile();
    prod = moduleRef.createNestApplication({ bodyParser: false, logger: false });
    configureApp(prod);
    await prod.init(); // the production start: demo accounts still holding the demo password are deactivated
    prodHttp = request(prod.getHttpServer());
  });
  afterAll(async () => {
    await prod?.close();
    await dev.close();
  });

  it('deactivates the demo accounts that still hold the demo password; their logins and tokens stop', async () => {
    const { rows } = await dev.database.superuser.query<{ username: string; active: boolean }>(
      `SELECT username, active FROM accounts ORDER BY username`,
    );
    const inactive = rows.filter((r) => !r.active).map((r) => r.username);
    expect(inactive).toContain('admin');
    expect(inactive).toContain('applicant-a');
    expect(inactive).not.toContain('officer-ziyang');
    const refused = await login(prodHttp, 'admin', dev.env.DEMO_PASSWORD).expect(401);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    // A token issued before, by the development start, is no longer honoured either.
    await dev.http.get('/api/v1/auth/me').auth(devAdminToken, { type: 'bearer' }).expect(401);
  });

  it('keeps an account whose operator gave it a password of its own', async () => {
    const res = await login(prodHttp, 'officer-ziyang', OWN_PASSWORD).expect(200);
    await prodHttp
      .get('/api/v1/auth/me')
      .auth(res.body.accessToken as string, { type: 'bearer' })
      .expect(200);
  });

  it('/metrics needs the bearer token in production (401 problem+json otherwise), and is open in development', async () => {
    for (const auth of [undefined, 'Bearer wrong-token', `Bearer ${METRICS_TOKEN}x`, METRICS_TOKEN]) {
      const req = prodHttp.get('/metrics');
      const res = await (auth ? req.set('Authorization', auth) : req).expect(401);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('METRICS.TOKEN_REQUIRED');
    }
    const ok = await prodHttp.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    expect(ok.text).toContain('credence_http_request_duration_seconds');
    await dev.http.get('/metrics').expect(200);
  });

  it('accepts no token signed with the secret once published with the source, in production or elsewhere', async () => {
    const { rows } = await dev.database.superuser.query<{ id: string }>(
      `SELECT id::text FROM accounts WHERE username = 'officer-ziyang'`,
    );
    const forged = prod
      .get(JwtService)
      .sign(
        { sub: rows[0].id, role: 'admin', authorityCode: null, subjectCode: null },
        { secret: PUBLISHED_DEVELOPMENT_SECRET, expiresIn: 600 },
      );
    for (const http of [prodHttp, dev.http]) {
      const res = await http.get('/api/v1/accounts').auth(forged, { type: 'bearer' });
      expect(res.status).toBe(401);
    }
  });
});
