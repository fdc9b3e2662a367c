import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The console's build (ADR 0024). No React plugin: Vite 8 transforms TSX with Oxc, told here to use React's automatic
 * runtime. The output goes to dist/console, which the API serves at / (apps/api/src/http/console.ts).
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: here('../../dist/console'),
    emptyOutDir: true,
    target: 'es2022',
    // antd is one large dependency; one vendor chunk keeps the page's own code small and cached apart.
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      // antd marks its modules "use client" for React Server Components; a browser bundle has no use for it.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
      output: {
        codeSplitting: {
          groups: [
            // ECharts draws the dashboard only (loaded with it, apps/console/src/routes.tsx): kept out of the rest.
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 1 },
            { name: 'vendor', test: /node_modules/ },
          ],
        },
      },
    },
  },
  // `npx vite apps/console` during development: the API (npm start) answers /api on :3000.
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
