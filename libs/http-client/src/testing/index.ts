// Test support for outbound clients. Imported as `@wallet-platform/http-client/testing` from tests
// and other testing entry points only; production code is kept from it by the lint rule.
export * from './test-http-server';
