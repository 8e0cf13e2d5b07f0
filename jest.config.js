// Four projects selected by file suffix (CONVENTIONS.md): unit (pure, milliseconds), int (real PostgreSQL and
// Redis), e2e (through HTTP, all processes), browser (the built web app in Debian's Chromium against a real Sen).
// `npm test` runs all four.
const fs = require('node:fs');

// CI runs every test once: the reliability suites inside `npm test`, at their full counts (issue 20). A developer's
// `npm test` runs them at reduced counts; SEN_FULL=1 (or `npm run test:reliability`) gives the full ones.
if (/^(1|true)$/i.test(process.env.CI ?? '') && process.env.SEN_FULL === undefined) process.env.SEN_FULL = '1';
const swcrc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
// Jest runs CommonJS: dynamic import() of ESM-only packages (postgres-shift) must become require() here,
// and those packages are transformed too (openapi-typescript's ESM-only dependencies as well, for the test that
// compares the web app's generated API types with the API).
const transform = {
  '^.+\\.(t|j|mj)s$': ['@swc/jest', { ...swcrc, swcrc: false, module: { type: 'commonjs', ignoreDynamic: false } }],
};
const moduleNameMapper = {
  '^@sen/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
};
const common = {
  rootDir: __dirname,
  transform,
  moduleNameMapper,
  transformIgnorePatterns: [
    '/node_modules/(?!(postgres-shift|openapi-typescript|parse-json|index-to-position|change-case|supports-color)/)',
  ],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
module.exports = {
  // Per-project testTimeout is not honoured; the int and e2e suites need minutes (processes, kills, outages).
  testTimeout: 180_000,
  // A hang after the run fails it, listing the handles left open (instead of --forceExit, which would hide them).
  reporters: ['default', '<rootDir>/test/support/exit-watchdog.js'],
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/**/*.unit.spec.ts'] },
    { ...common, displayName: 'int', testMatch: ['<rootDir>/**/*.int.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/**/*.e2e.spec.ts'],
      // The e2e run's logs are searched for the children's names it sent (issue: security).
      globalSetup: '<rootDir>/test/support/e2e-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/check-e2e-logs.ts',
    },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/**/*.browser.spec.ts'] },
  ],
};
