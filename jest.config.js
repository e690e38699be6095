/**
 * Tests are TypeScript run as ES modules (the product is ESM): ts-jest transpiles only (`isolatedModules`),
 * type checking is `tsc`'s job. Jest needs `--experimental-vm-modules` for ESM; package.json passes it.
 */
const tsJest = ['ts-jest', { useESM: true, tsconfig: 'tsconfig.test.json', diagnostics: false }];
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': tsJest },
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/support/network-guard.mjs'],
};

export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.test.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
  ],
  testTimeout: 30000,
};
