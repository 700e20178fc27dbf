export * from './wallet-client';
export * from './wallet-client.module';
