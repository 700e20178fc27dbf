// Test support: a fake aggregator with balances and fault injection. Imported as
// `@wallet-platform/aggregator-client/testing` from tests only (lint keeps production code out).
export * from './fake-aggregator-server';
export * from './aggregator-registry-entry';
