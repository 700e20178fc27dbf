/**
 * Three suites, told apart by file name so a reader knows at a glance what a test needs:
 * - unit:        `*.spec.ts`             pure code, no network;
 * - integration: `*.integration-spec.ts` real PostgreSQL, Redis and Kafka (one at a time: --runInBand);
 * - e2e:         `*.e2e-spec.ts`         the four services started as processes, driven over HTTP.
 */
import type { Config } from 'jest';
import { pathsToModuleNameMapper } from './tools/jest/paths';

const swcTransform: Config['transform'] = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    },
  ],
};

const shared: Config = {
  transform: swcTransform,
  moduleNameMapper: pathsToModuleNameMapper(),
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools'],
};

const config: Config = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    { ...shared, displayName: 'integration', testMatch: ['**/*.integration-spec.ts'], setupFilesAfterEnv: ['<rootDir>/tools/jest/long-timeout.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['**/*.e2e-spec.ts'], setupFilesAfterEnv: ['<rootDir>/tools/jest/long-timeout.ts'] },
  ],
};

export default config;
