// Test support: a fake platform API that checks our headers and hashes. Imported as
// `@wallet-platform/platform-client/testing` from tests and testing entry points only; production
// code is kept from it by the lint rule.
export * from './fake-platform-server';
