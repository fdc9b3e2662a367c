import { createTestApp, type TestApp } from '../setup/create-test-app';

describe('HTTP edge', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports health with the database', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'up' });
  });

  it('echoes the caller’s X-Request-Id as the correlation id', async () => {
    const res = await t.http.get('/health').set('X-Request-Id', 'trace-123').expect(200);
    expect(res.headers['x-request-id']).toBe('trace-123');
  });

  it('serves Prometheus metrics', async () => {
    const res = await t.http.get('/metrics').expect(200);
    expect(res.text).toContain('credence_http_request_duration_seconds');
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.http.get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    // Every case action route: a 200 with a summary in both languages, If-Match optional, its own request body.
    const paths = res.body.paths as Record<string, Record<string, Record<string, unknown>>>;
    for (const path of [
      '/api/v1/repair-applications/{id}/approve',
      '/api/v1/objections/{id}/decide-appeal',
      '/api/v1/commitments/{id}/record-breach',
    ]) {
      const post = paths[path].post as {
        summary: string;
        parameters: { name: string; in: string; required: boolean }[];
        responses: Record<string, unknown>;
        requestBody?: unknown;
      };
      expect(post.summary).toMatch(/[\u4e00-\u9fff].*\/ [A-Z]/);
      expect(post.parameters).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'If-Match', in: 'header', required: false }),
        ]),
      );
      expect(Object.keys(post.responses)).toContain('200');
      expect(post.requestBody).toBeDefined();
    }
  });

  it('answers malformed JSON with a problem, in Chinese by default and English on request', async () => {
    const zh = await t.http
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username": ');
    expect(zh.status).toBe(400);
    expect(zh.headers['content-type']).toContain('application/problem+json');
    expect(zh.body).toMatchObject({ code: 'MALFORMED_JSON', status: 400, title: '请求体不是有效的 JSON' });
    const en = await t.http
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .set('Accept-Language', 'en-US,en;q=0.9')
      .send('{"username": ');
    expect(en.body.title).toBe('The request body is not valid JSON');
  });

  it('answers an oversized body with 413', async () => {
    const res = await t.http
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ username: 'x'.repeat(200_000), password: 'y' }));
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers unknown routes with a 404 problem', async () => {
    const res = await t.http.get('/api/v1/no-such-thing').expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });
});
