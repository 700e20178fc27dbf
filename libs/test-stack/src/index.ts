export * from './game-platform';
export * from './platform-client';
export * from './test-stack';
