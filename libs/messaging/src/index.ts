export * from './kafka-command-server';
export * from './kafka-connection';
export * from './message-codec';
export * from './request-reply-client';
export * from './single-partition-assigner';
export * from './topic-provisioning';
export * from './kafka-readiness';
export * from './command-batch-handler';
