// Two projects: fast pure unit tests (libs, services' pure helpers) and e2e tests against a real PostgreSQL.
const moduleNameMapper = {
  '^@safe-harbour/domain$': '<rootDir>/libs/domain/src',
  '^@safe-harbour/domain/(.*)$': '<rootDir>/libs/domain/src/$1',
  '^@safe-harbour/database$': '<rootDir>/libs/database/src',
  '^@safe-harbour/database/(.*)$': '<rootDir>/libs/database/src/$1',
};
// Type checking is done once by `tsc --noEmit` in `npm test`; jest only transpiles, which keeps it fast.
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] };
module.exports = {
  // testTimeout is a global option in jest (ignored inside projects): e2e set-up starts a server on a fresh database.
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
      moduleNameMapper,
      transform,
    },
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      moduleNameMapper,
      transform,
      testTimeout: 60000,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
