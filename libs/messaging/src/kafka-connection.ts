import { Kafka, logLevel, type LogEntry, type KafkaConfig } from 'kafkajs';

/** Where the structured log lines of kafkajs go (our JSON logger in the services). */
export type KafkaLogSink = (level: 'error' | 'warn' | 'info' | 'debug', message: string, fields: Record<string, unknown>) => void;

export interface KafkaConnectionSettings {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly log: KafkaLogSink;
}

/**
 * One place that creates kafkajs clients, with every option that matters stated rather than
 * inherited from defaults: timeouts and retry bounds, and the log level (kafkajs is chatty at INFO).
 */
export function createKafka(settings: KafkaConnectionSettings): Kafka {
  const config: KafkaConfig = {
    clientId: settings.clientId,
    brokers: [...settings.brokers],
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 5_000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...fields } = log;
        const name = level === logLevel.ERROR ? 'error' : level === logLevel.WARN ? 'warn' : level === logLevel.INFO ? 'info' : 'debug';
        settings.log(name, `kafkajs: ${message}`, fields);
      },
  };
  return new Kafka(config);
}

export function parseBrokers(list: string): string[] {
  return list
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
}
