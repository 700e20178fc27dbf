import { Kafka, logLevel, type LogEntry, type KafkaConfig } from 'kafkajs';

/** Where the structured log lines of kafkajs go (our JSON logger in the services). */
export type KafkaLogSink = (level: 'error' | 'warn' | 'info' | 'debug', message: string, fields: Record<string, unknown>) => void;

export interface KafkaConnectionSettings {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly log: KafkaLogSink;
}

/** The longest pause between two attempts of a kafkajs client (connect, produce, fetch, join). */
export const KAFKA_RETRY_TIME_MAX_MS = 1_000;
/**
 * Attempts before a kafkajs operation gives up: about 30 s of a broker away. A consumer that gives
 * up crashes, and kafkajs restarts it as a new member of its group, whose join the broker holds
 * until the old member's session has expired: 10 s more without commands after the broker is back
 * (issue #13, finding 7). A consumer still retrying keeps its member id and carries on at once.
 */
export const KAFKA_RETRIES = 30;

/**
 * Every kafkajs client's retry policy, each field stated (kafkajs takes other defaults when
 * NODE_ENV is `test`, so a test would otherwise check another policy than production's).
 * Backoff doubles from 100 ms (±20 %) up to 1 s, never more: while the broker is away, every client
 * tries again at least once a second, so it is back within about a second of the broker (with 5 s,
 * a produce call or a consumer could sleep 5 s after the broker was up again: issue #13, finding 7).
 * `kafka-connection.spec.ts` runs kafkajs's own retrier on it.
 */
export const KAFKA_RETRY = { initialRetryTime: 100, retries: KAFKA_RETRIES, maxRetryTime: KAFKA_RETRY_TIME_MAX_MS, factor: 0.2, multiplier: 2 } as const;

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
    retry: { ...KAFKA_RETRY },
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
