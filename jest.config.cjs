// Four levels, named by suffix: *.spec.ts (pure), *.int-spec.ts (real PostgreSQL), test/e2e/*.e2e-spec.ts (HTTP),
// test/reliability/*.rel-spec.ts (real processes: kill -9, database outages, several processes, fuzzing).
// NestJS 12 ships as ES modules only, so tests run in Jest's native ESM mode (npm test sets --experimental-vm-modules).
const fs = require('node:fs');
const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swc.$schema;
const esm = { ...swc, swcrc: false, module: { type: 'es6', ignoreDynamic: true } };
// globalSetup/teardown run outside Jest's module system, through Node's require: they get CommonJS.
const cjs = { ...swc, swcrc: false, module: { type: 'commonjs', ignoreDynamic: true } };

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', esm] },
  moduleNameMapper: {
    '^@credence/migrations$': '<rootDir>/migrations/index.ts',
    '^@credence/(.*)$': '<rootDir>/libs/$1/src/index.ts',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

module.exports = {
  transform: { '^.+\\.ts$': ['@swc/jest', cjs] },
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  maxWorkers: 2,
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,bench,tools}/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    // Faults, attacks and scale-out against real processes (node dist/…; `npm test` builds first).
    { ...common, displayName: 'reliability', testMatch: ['<rootDir>/test/reliability/**/*.rel-spec.ts'] },
    // The console in Debian's chromium (playwright-core) against the built API (dist, dist/console): ADR 0024.
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'] },
  ],
};
