/** Two projects: unit tests beside the code, e2e tests in test/ against real databases (and Redis). */
const transform = { '^.+\\.ts$': 'ts-jest' };
module.exports = {
  // A global option: Jest ignores it inside a project. The machine is small; e2e hooks boot a whole app.
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/src/**/__tests__/**/*.spec.ts'],
      transform,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      setupFiles: ['<rootDir>/test/support/env.ts'],
      transform,
    },
  ],
};
