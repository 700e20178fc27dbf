import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { LedgerEventType, MessageHeaders, playerPartitionKey, Topics, topicName, type GameTransactionEvent, type LedgerEventMessage, type PromotionCreditEvent } from '@wallet-platform/contracts';
import { ensureTopics } from '@wallet-platform/messaging';

export const TEST_KAFKA_BROKERS = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092').split(',');

/**
 * The real `wallet.ledger-events` topic of a test environment of its own, and a producer that
 * writes well-formed LedgerEventMessages on it the way the wallet's outbox relay does (key: the
 * player, value: the JSON envelope). Until the wallet fills the reporting fields of its game events,
 * tests produce them themselves.
 */
export class TestLedgerTopic {
  readonly kafka: Kafka;
  private producer: Producer | null = null;

  constructor(readonly environmentName = `rit${randomBytes(4).toString('hex')}`) {
    this.kafka = new Kafka({ clientId: `reporting-test-${environmentName}`, brokers: TEST_KAFKA_BROKERS, logLevel: logLevel.NOTHING });
  }

  get topic(): string {
    return topicName(this.environmentName, Topics.walletLedgerEvents);
  }

  async create(): Promise<void> {
    await ensureTopics(this.kafka, this.environmentName, [Topics.walletLedgerEvents]);
    this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await this.producer.connect();
  }

  /** Appends messages in order (per player, the order of the array). */
  async publish(messages: readonly LedgerEventMessage[]): Promise<void> {
    for (let start = 0; start < messages.length; start += 500) {
      await (this.producer as Producer).send({
        topic: this.topic,
        acks: -1,
        messages: messages.slice(start, start + 500).map((message) => ({
          key: playerPartitionKey(message.event.operatorId, message.event.userId),
          value: JSON.stringify(message),
          headers: { [MessageHeaders.messageType]: message.event.eventType },
        })),
      });
    }
  }

  /** Appends a raw value (a malformed message) under a player's key. */
  async publishRaw(key: string, value: string): Promise<void> {
    await (this.producer as Producer).send({ topic: this.topic, acks: -1, messages: [{ key, value }] });
  }

  /** Moves the reporting consumer group back to the start of the topic (the group must be idle). */
  async rewindReportingGroup(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.resetOffsets({ groupId: `${this.environmentName}.reporting`, topic: this.topic, earliest: true });
    } finally {
      await admin.disconnect();
    }
  }

  async delete(): Promise<void> {
    await this.producer?.disconnect();
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.deleteGroups([`${this.environmentName}.reporting`]).catch(() => undefined);
      // Every topic of the test environment (a service under test creates all of its own).
      const topics = (await admin.listTopics()).filter((name) => name.startsWith(`${this.environmentName}.`));
      await admin.deleteTopics({ topics, timeout: 10_000 });
    } finally {
      await admin.disconnect();
    }
  }
}

let eventSequence = 0;

/** A game event as the wallet writes it, with the reporting fields filled; `overrides` change any field. */
export function gameEvent(overrides: Partial<GameTransactionEvent> & Pick<GameTransactionEvent, 'userId' | 'transactionId' | 'transactionType' | 'amount'>, eventId?: string): LedgerEventMessage {
  eventSequence += 1;
  const event: GameTransactionEvent = {
    eventType: LedgerEventType.GameTransactionApplied,
    platformId: 'plat-a',
    operatorId: 'casino1',
    ledgerTransactionId: String(100_000 + eventSequence),
    currency: 'EUR',
    gameId: '101',
    roundId: '1',
    balanceAfter: '100.00',
    occurredAt: '2026-11-30T12:00:00.000Z',
    reason: 'SPIN',
    campaignCode: null,
    vendor: 'netent',
    rake: null,
    platformCreatedAt: '2026-11-30 12:00:00',
    ...overrides,
  };
  return { eventId: eventId ?? `evt-${randomBytes(6).toString('hex')}`, event };
}

/** The wallet's cancel event of a game transaction: the original's type and amount, the cancel's time. */
export function cancelEvent(original: LedgerEventMessage, occurredAt = '2026-12-01T00:10:00.000Z'): LedgerEventMessage {
  const event = original.event as GameTransactionEvent;
  return {
    eventId: `evt-${randomBytes(6).toString('hex')}`,
    event: {
      eventType: LedgerEventType.GameTransactionCanceled,
      platformId: event.platformId,
      operatorId: event.operatorId,
      userId: event.userId,
      transactionId: event.transactionId,
      ledgerTransactionId: String(200_000 + eventSequence),
      transactionType: event.transactionType,
      amount: event.amount,
      currency: event.currency,
      gameId: event.gameId,
      roundId: event.roundId,
      balanceAfter: '0.00',
      occurredAt,
    },
  };
}

/** The wallet's event of a tournament or promotion prize paid; `overrides` change any field. */
export function promotionCreditEvent(overrides: Partial<PromotionCreditEvent> & Pick<PromotionCreditEvent, 'userId' | 'awardId' | 'kind' | 'amount'>, eventId?: string): LedgerEventMessage {
  eventSequence += 1;
  const event: PromotionCreditEvent = {
    eventType: LedgerEventType.PromotionCreditApplied,
    platformId: 'plat-a',
    operatorId: 'casino1',
    ledgerTransactionId: String(300_000 + eventSequence),
    currency: 'EUR',
    campaignCode: null,
    balanceAfter: '100.00',
    occurredAt: '2026-11-30T15:00:00.000Z',
    ...overrides,
  };
  return { eventId: eventId ?? `evt-${randomBytes(6).toString('hex')}`, event };
}
