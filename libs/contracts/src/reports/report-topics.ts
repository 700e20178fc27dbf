import type { TopicSpec } from '../topics';

/**
 * Topics the reporting service publishes for analysts. Kept apart from `Topics` (which every
 * service creates as plain delete-retention topics) because their retention differs: the GGR topic
 * is compacted, so it always holds the current row of every key and a new reader gets the whole
 * state by reading it from the start. The reporting service creates them.
 */
export interface ReportTopicSpec extends TopicSpec {
  /** Kafka's `cleanup.policy`. */
  readonly cleanupPolicy: 'compact' | 'delete';
}

export const ReportTopics = {
  /** The current GGR row per day × operator × platform × vendor × currency, keyed by dailyGgrRowKey. */
  dailyGgr: {
    name: 'reporting.daily-ggr',
    partitions: 6,
    why: 'compacted; a handful of keys per day, consumed by warehouse loaders, 6 is plenty',
    cleanupPolicy: 'compact',
  },
  /** One result per reconciliation run of a platform and a day, keyed by reconciliationResultKey. */
  reconciliationResults: {
    name: 'reporting.reconciliation-results',
    partitions: 1,
    why: 'a few messages a day; one partition keeps them in run order',
    cleanupPolicy: 'delete',
  },
} as const satisfies Record<string, ReportTopicSpec>;

export const allReportTopics: readonly ReportTopicSpec[] = Object.values(ReportTopics);
