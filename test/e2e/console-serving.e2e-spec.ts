import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { consoleDirectory, serveConsole } from '../../apps/api/src/http/console';
import { createTestApp, type TestApp } from '../setup/create-test-app';

const INDEX =
  '<!doctype html><html><body><div id="root"></div><script src="/assets/index-abc123.js"></script></body></html>';

/** An app with the console in front and, behind it, a stand-in for the API's own 404 problem answer. */
function appServing(directory: string) {
  const app = express();
  serveConsole(app, directory);
  app.use((req, res) => res.status(404).type('application/problem+json').send({ code: 'NOT_FOUND' }));
  return request(app);
}

describe('the console served by the API (e2e)', () => {
  let built: string;
  let empty: string;

  beforeAll(() => {
    built = mkdtempSync(join(tmpdir(), 'credence-console-'));
    mkdirSync(join(built, 'assets'));
    writeFileSync(join(built, 'index.html'), INDEX);
    writeFileSync(join(built, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(built, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    empty = mkdtempSync(join(tmpdir(), 'credence-console-none-'));
  });
  afterAll(() => {
    rmSync(built, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  });

  it.each(['/', '/public', '/public/subjects/91320830MA1XY0012B', '/cases/0190-abc', '/workbench?state=x'])(
    'answers the page %s with the console (the browser router draws it), never cached',
    async (path) => {
      const res = await appServing(built).get(path).expect(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.text).toBe(INDEX);
      expect(res.headers['cache-control']).toBe('no-cache');
    },
  );

  it('serves its hashed assets for good, and other files revalidated', async () => {
    const asset = await appServing(built).get('/assets/index-abc123.js').expect(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const icon = await appServing(built).get('/favicon.svg').expect(200);
    expect(icon.headers['cache-control']).not.toContain('immutable');
  });

  it.each(['/api/v1/nope', '/api', '/health/x', '/metrics/x', '/assets/missing.js', '/robots.txt'])(
    'leaves %s to the API (its 404 problem), never the page',
    async (path) => {
      const res = await appServing(built).get(path).expect(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    },
  );

  it('leaves every method but GET and HEAD to the API', async () => {
    await appServing(built).post('/public').expect(404);
    await appServing(built).head('/public').expect(200);
  });

  it('says clearly, when the console was not built, how to build it', async () => {
    const res = await appServing(empty).get('/').expect(503);
    expect(res.text).toContain('控制台尚未构建');
    expect(res.text).toContain('npm run build');
    await appServing(empty).get('/api/v1/x').expect(404);
  });

  it('looks for the build in dist/console under the package root, from source and from dist alike', () => {
    const root = join(import.meta.dirname, '..', '..');
    expect(consoleDirectory(join(root, 'apps/api/src/http'))).toBe(join(root, 'dist', 'console'));
    expect(consoleDirectory(join(root, 'dist/apps/api/src/http'))).toBe(join(root, 'dist', 'console'));
  });

  describe('in the whole application', () => {
    let t: TestApp;
    beforeAll(async () => (t = await createTestApp()));
    afterAll(() => t.close());

    it('keeps the API, health and metrics answers and problems as they were', async () => {
      const missing = await t.http.get('/api/v1/no-such-route').expect(404);
      expect(missing.headers['content-type']).toContain('application/problem+json');
      await t.http.get('/health').expect(200);
      await t.http.get('/api/docs-json').expect(200);
    });

    it('answers a page path with HTML (the console, or the note that it was not built), not a 404', async () => {
      const res = await t.http.get('/public/subjects/91320830MA1XY0012B');
      expect([200, 503]).toContain(res.status);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['content-security-policy']).toContain("style-src 'self' https: 'unsafe-inline'");
    });
  });
});
