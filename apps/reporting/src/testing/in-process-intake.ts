import type { DataSource } from 'typeorm';
import { createKafka } from '@wallet-platform/messaging';
import { JsonLogger } from '@wallet-platform/service-kit';
import { LedgerEventsConsumer } from '../ledger-intake/ledger-events.consumer';
import { LedgerIntakeService } from '../ledger-intake/ledger-intake.service';
import { GgrPublisher } from '../report-topics/ggr-publisher';
import { provisionReportTopics } from '../report-topics/provision-report-topics';
import { TEST_KAFKA_BROKERS } from './ledger-topic';

/** The ledger intake (service and Kafka consumer) wired by hand around a test's database. */
export async function startInProcessIntake(dataSource: DataSource, environmentName: string): Promise<{ consumer: LedgerEventsConsumer; stop: () => Promise<void> }> {
  const logger = new JsonLogger('reporting-test', 'warn');
  const kafka = createKafka({ brokers: TEST_KAFKA_BROKERS, clientId: `reporting-test-${environmentName}`, log: () => undefined });
  const consumer = new LedgerEventsConsumer(kafka, { environmentName, partitionsConcurrently: 4 }, logger, new LedgerIntakeService(dataSource, logger));
  await consumer.onApplicationBootstrap();
  return { consumer, stop: () => consumer.onApplicationShutdown() };
}

/** Waits (bounded) until the database has claimed `count` event ids. */
export async function waitForProcessedEvents(query: (sql: string) => Promise<Array<{ count: string }>>, count: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = '0';
  while (Date.now() < deadline) {
    seen = (await query(`SELECT count(*)::text AS count FROM processed_ledger_events`))[0].count;
    if (BigInt(seen) >= BigInt(count)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`only ${seen} of ${count} ledger events processed within ${timeoutMs} ms`);
}

/** Every figure of the reporting database as text, in a stable order: two databases compare equal. */
export async function dumpFigures(query: (sql: string) => Promise<unknown[]>): Promise<{ days: unknown[]; players: unknown[]; transactions: unknown[]; promotions: unknown[] }> {
  const days = await query(`SELECT to_char(day, 'YYYY-MM-DD') AS day, operator_id, platform_id, vendor, game_id, currency,
      bets_sum::text, bets_count::text, wins_sum::text, wins_count::text, freespin_wins_sum::text, freespin_wins_count::text,
      jackpot_wins_sum::text, jackpot_wins_count::text, refunds_sum::text, refunds_count::text,
      canceled_bets_sum::text, canceled_bets_count::text, canceled_wins_sum::text, canceled_wins_count::text,
      canceled_refunds_sum::text, canceled_refunds_count::text, rake_sum::text, ggr::text
    FROM daily_game_totals ORDER BY day, operator_id, platform_id, vendor, game_id, currency`);
  const players = await query(`SELECT to_char(day, 'YYYY-MM-DD') AS day, operator_id, platform_id, user_id, currency,
      bets_sum::text, bets_count::text, wins_sum::text, wins_count::text, refunds_sum::text, refunds_count::text, ggr::text
    FROM player_daily_totals ORDER BY day, operator_id, platform_id, user_id, currency`);
  const transactions = await query(`SELECT platform_id, operator_id, transaction_id, to_char(day, 'YYYY-MM-DD') AS day, payout_kind, amount::text, canceled_event_id IS NOT NULL AS canceled
    FROM reported_game_transactions ORDER BY platform_id, operator_id, transaction_id`);
  const promotions = await query(`SELECT to_char(day, 'YYYY-MM-DD') AS day, operator_id, platform_id, vendor, currency, campaign_code,
      tournament_wins_sum::text, tournament_wins_count::text, promo_wins_sum::text, promo_wins_count::text
    FROM daily_promotion_totals ORDER BY day, operator_id, platform_id, vendor, currency, campaign_code`);
  return { days, players, transactions, promotions };
}

/** The intake and the GGR publisher, wired as the service does, on the test environment's topics. */
export async function startInProcessReporting(dataSource: DataSource, environmentName: string): Promise<{ publisher: GgrPublisher; stop: () => Promise<void> }> {
  const logger = new JsonLogger('reporting-test', 'warn');
  const kafka = createKafka({ brokers: TEST_KAFKA_BROKERS, clientId: `reporting-test-${environmentName}`, log: () => undefined });
  await provisionReportTopics(kafka, environmentName);
  const publisher = new GgrPublisher(dataSource, kafka, environmentName, logger);
  await publisher.onApplicationBootstrap();
  const consumer = new LedgerEventsConsumer(kafka, { environmentName, partitionsConcurrently: 4 }, logger, new LedgerIntakeService(dataSource, logger));
  consumer.onChunkCommitted(() => publisher.nudge());
  await consumer.onApplicationBootstrap();
  return {
    publisher,
    stop: async () => {
      await consumer.onApplicationShutdown();
      await publisher.onApplicationShutdown();
    },
  };
}
