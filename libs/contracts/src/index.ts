export * from './headers';
export * from './partition-keys';
export * from './topics';
export * from './wallet-commands';
export * from './wallet-errors';
export * from './ledger-events';
export * from './reports';
export * from './promotions-commands';
