import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';

/** Paths the API answers itself: never the console's page, so an unknown one keeps its 404 problem. */
const API_PATHS = /^\/(api|health|metrics)(\/|$)/;
/** A last path segment with a dot names a file (an asset): missing, it is a 404, not the page. */
const FILE_PATH = /\/[^/]*\.[^/]*$/;

/** Where `npm run build` writes the console: dist/console under the package root (source and dist alike). */
export function consoleDirectory(from = import.meta.dirname): string {
  let dir = resolve(from);
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return resolve('dist/console');
    dir = parent;
  }
  return join(dir, 'dist', 'console');
}

const MISSING_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Credence</title></head>
<body><main><h1>控制台尚未构建 / The console has not been built</h1>
<p>运行 <code>npm run build</code>（<code>npm start</code> 会自动构建）后刷新本页。API 文档见 <a href="/api/docs">/api/docs</a>。</p>
<p>Run <code>npm run build</code> (<code>npm start</code> does it) and reload. API documentation: <a href="/api/docs">/api/docs</a>.</p>
</main></body></html>`;

/**
 * Serves the built console at / on the API's own origin (ADR 0024): its files, and for any other GET of a page path
 * (a bookmarked /public/subjects/…, /cases/…) its index.html, so the browser's router draws it. /api, /health and
 * /metrics are left to the API. When the console was not built, a page path says so (503) instead of a bare 404.
 */
export function serveConsole(app: { use(handler: RequestHandler): unknown }, directory: string): void {
  const index = join(directory, 'index.html');
  // Vite names every file under assets/ by its content hash: cached for good. Others (favicon) are revalidated.
  const assets = express.static(directory, { index: false, redirect: false, maxAge: '1y', immutable: true });
  const files = express.static(directory, { index: false, redirect: false });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path)) return next();
    if (req.path.startsWith('/assets/')) return assets(req, res, next);
    if (FILE_PATH.test(req.path)) return files(req, res, next);
    if (!existsSync(index)) {
      res.status(503).type('html').setHeader('Cache-Control', 'no-store').send(MISSING_PAGE);
      return;
    }
    // The page itself is never cached: a new build's asset names (content hashes) must reach the browser at once.
    res.status(200).type('html').setHeader('Cache-Control', 'no-cache').send(readFileSync(index));
  });
}
