export * from './secret';
export * from './platform-registry-limits';
export * from './aggregator-launch-policy';
export * from './platform-registry.schema';
export * from './parse-platform-registry';
export * from './platform-registry-views';
