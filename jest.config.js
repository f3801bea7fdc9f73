/** One run for every tier: unit specs beside the code, integration and e2e specs under test/. */
module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: [
    '<rootDir>/libs/**/*.spec.ts',
    '<rootDir>/apps/**/*.spec.ts',
    '<rootDir>/test/**/*.e2e-spec.ts',
  ],
  transform: { '^.+\\.(t|j)s$': ['@swc/jest'] },
  transformIgnorePatterns: ['/node_modules/'],
  moduleNameMapper: {
    '^@kierto/([^/]+)$': '<rootDir>/libs/$1/src',
    '^@kierto/([^/]+)/(.+)$': '<rootDir>/libs/$1/src/$2',
  },
  globalSetup: '<rootDir>/libs/testing/jest/global-setup.mjs',
  globalTeardown: '<rootDir>/libs/testing/jest/global-teardown.mjs',
  testTimeout: 120000,
  maxWorkers: 2,
};
