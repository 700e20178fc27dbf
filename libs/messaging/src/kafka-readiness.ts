import type { Admin, Kafka } from 'kafkajs';

/**
 * A readiness check for a service that only produces or has no consumer yet: the broker answers a
 * cluster description. The admin client is connected once and reused across probes.
 */
export function kafkaClusterCheck(kafka: Kafka): { name: string; check: () => Promise<void>; close: () => Promise<void> } {
  let admin: Admin | null = null;
  return {
    name: 'kafka',
    check: async () => {
      if (!admin) {
        admin = kafka.admin();
        await admin.connect();
      }
      const cluster = await admin.describeCluster();
      if (cluster.brokers.length === 0) throw new Error('kafka cluster has no brokers');
    },
    close: async () => {
      await admin?.disconnect();
      admin = null;
    },
  };
}
