export * from './daily-ggr-row';
export * from './report-schema';
export * from './report-topics';
export * from './reconciliation-result';
export * from './report-schemas';
