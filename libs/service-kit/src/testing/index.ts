// Test support: a scratch database per test file. Imported as `@wallet-platform/service-kit/testing`
// from tests and testing entry points only; production code is kept from it by the lint rule.
export * from './scratch-database';
