// Unit tests sit beside the code; integration tests boot the real app against PGlite, or against
// PostgreSQL + Redis when DATABASE_URL / REDIS_URL are set.
const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
}];
const moduleNameMapper = { '^@app/([a-z]+)$': '<rootDir>/libs/$1/src' };
const base = { transform: { '^.+\\.ts$': swc }, moduleNameMapper, testEnvironment: 'node' };

module.exports = {
  // Integration tests start real processes; a slow start on a loaded 2-core machine is not a failure.
  testTimeout: 60000,
  projects: [
    { ...base, displayName: 'unit', roots: ['<rootDir>/libs', '<rootDir>/apps'], testMatch: ['**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      roots: ['<rootDir>/test/integration'],
      testMatch: ['**/*.test.ts'],
    },
  ],
};
