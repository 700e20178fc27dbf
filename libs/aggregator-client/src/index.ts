export * from './aggregator-client-limits';
export * from './aggregator-call-name';
export * from './aggregator-error-code';
export * from './aggregator-errors';
export * from './aggregator-decoders';
export { decodeAggregatorEnvelope, type AggregatorEnvelope } from './aggregator-envelope';
export { aggregatorUsernameFor, isAggregatorUsername, USERNAME_PATTERN } from './aggregator-username';
export * from './transfer-resolution';
export * from './aggregator-client';
