import { createTestApp, type TestApp } from '../setup/create-test-app';

/** Issue 14 item 4: nosniff, no X-Powered-By, HSTS only over TLS (directly or as a trusted proxy says). */
describe('security headers', () => {
  describe('with no proxy trusted (the default)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('JSON answers and problems carry nosniff and no X-Powered-By', async () => {
      for (const res of [await t.http.get('/health'), await t.http.get('/api/v1/credit-records')]) {
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-powered-by']).toBeUndefined();
        expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      }
    });

    it('no HSTS over plain HTTP, and a forwarded https from an untrusted peer is ignored', async () => {
      expect((await t.http.get('/health')).headers['strict-transport-security']).toBeUndefined();
      const spoofed = await t.http.get('/health').set('X-Forwarded-Proto', 'https');
      expect(spoofed.headers['strict-transport-security']).toBeUndefined();
    });

    it('the Swagger UI still loads under the policy: its scripts are served from here', async () => {
      const page = await t.http.get('/api/docs/').expect(200);
      const csp = page.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, inline] of scripts) {
        expect(inline?.trim()).toBe(''); // an inline script would be blocked by script-src 'self'
        const src = /src="([^"]+)"/.exec(attributes ?? '')?.[1];
        expect(src).toBeDefined();
        await t.http.get(new URL(src!, 'http://x/api/docs/').pathname).expect(200);
      }
    });
  });

  describe('behind a trusted proxy that terminates TLS', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ TRUST_PROXY: 'loopback' });
    });
    afterAll(() => t.close());

    it('sends HSTS when the proxy says the request came over https', async () => {
      const res = await t.http.get('/health').set('X-Forwarded-Proto', 'https');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
      expect((await t.http.get('/health')).headers['strict-transport-security']).toBeUndefined();
    });
  });
});
