export * from './redis-lock';
export * from './slot-lease';
