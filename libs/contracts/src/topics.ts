/**
 * Every Kafka topic of the platform, with its partition count, in one place. Topics are created
 * explicitly from this list at start-up (the broker never auto-creates them).
 *
 * The names are logical: each deployment prefixes them with its environment name (see
 * `topicName`), so that a test run, a developer's stack and production never share a topic.
 */
export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  /** Why this count: the partition count bounds the parallelism of the topic's consumers. */
  readonly why: string;
}

export const Topics = {
  /** Commands to the wallet (balance, changebalance, ...), keyed by operator and player. */
  walletCommands: {
    name: 'wallet.commands',
    partitions: 12,
    why: 'wallet consumers process partitions concurrently; per-player order holds within a partition',
  },
  /**
   * Replies to gateway instances. Each running gateway instance leases one partition (Redis lease)
   * and reads only that partition, so the count is the maximum number of gateway instances.
   */
  gatewayReplies: {
    name: 'gateway.replies',
    partitions: 32,
    why: 'one partition per gateway instance; 32 is the instance limit',
  },
  /** Replies of the wallet to the promotions service's instances (one leased partition each). */
  promotionsWalletReplies: {
    name: 'promotions.wallet-replies',
    partitions: 8,
    why: 'one partition per promotions instance; 8 is the instance limit',
  },
  /** Commands to the promotions service (tournament and promo wins), keyed by operator and player. */
  promotionsCommands: {
    name: 'promotions.commands',
    partitions: 8,
    why: 'promotions instances share the partitions; one player\'s awards stay in order within one',
  },
  /** Replies of the promotions service to gateway instances (one leased partition each, as gateway.replies). */
  gatewayPromotionsReplies: {
    name: 'gateway.promotions-replies',
    partitions: 32,
    why: 'one partition per gateway instance; 32 is the instance limit, as for gateway.replies',
  },
  /** Committed ledger transactions, published from the wallet's outbox, keyed by player. */
  walletLedgerEvents: {
    name: 'wallet.ledger-events',
    partitions: 12,
    why: 'reporting consumes per player; matches wallet.commands',
  },
} as const satisfies Record<string, TopicSpec>;

export type TopicKey = keyof typeof Topics;

export const allTopics: readonly TopicSpec[] = Object.values(Topics);

/** The physical name of a logical topic in one environment: `<environment>.<logical name>`. */
export function topicName(environmentName: string, topic: TopicSpec): string {
  return `${environmentName}.${topic.name}`;
}

/**
 * Who may call the wallet, and where its replies to each go. The wallet answers only on these
 * topics (an allow-list: a message cannot redirect the wallet's output anywhere else), and each
 * requester's instances lease the partitions of their own topic.
 */
export const WalletRequesters = {
  gateway: Topics.gatewayReplies,
  promotions: Topics.promotionsWalletReplies,
} as const satisfies Record<string, TopicSpec>;
export type WalletRequester = keyof typeof WalletRequesters;

/** Who may call the promotions service, and where its replies go (an allow-list, as WalletRequesters). */
export const PromotionsRequesters = {
  gateway: Topics.gatewayPromotionsReplies,
} as const satisfies Record<string, TopicSpec>;
export type PromotionsRequester = keyof typeof PromotionsRequesters;
