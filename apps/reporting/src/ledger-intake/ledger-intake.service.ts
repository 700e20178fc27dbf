import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { JsonLogger } from '@wallet-platform/service-kit';
import {
  addGameTransaction,
  addPlayerTransaction,
  dailyGameKeyOf,
  FiguresByKey,
  playerDayKeyOf,
  zeroDailyGameFigures,
  zeroPlayerDayFigures,
  type DailyGameFigures,
  type DailyGameKey,
  type PlayerDayFigures,
  type PlayerDayKey,
} from './game-figures';
import { LEDGER_EVENTS_PER_TRANSACTION_MAX } from './ledger-intake.limits';
import {
  addToDailyGameTotals,
  addToDailyPromotionTotals,
  addToPlayerDailyTotals,
  cancelReportedTransaction,
  claimEventIds,
  insertRejectedEvent,
  insertReportedPromotionCredit,
  insertReportedTransaction,
  markGgrRowsChanged,
  upsertAggregatorTransfer,
} from './ledger-intake.store';
import { addPromotionCredit, dailyPromotionKeyOf, zeroDailyPromotionFigures, type DailyPromotionFigures, type DailyPromotionKey } from './promotion-figures';
import { readLedgerMessage } from './read-ledger-event';
import type { ReportableEvent } from './reportable-event';

export const LEDGER_INTAKE_LOGGER = Symbol('LEDGER_INTAKE_LOGGER');

/** One message of `wallet.ledger-events` as the transport hands it over. */
export interface LedgerTopicMessage {
  readonly partition: number;
  readonly offset: string;
  readonly value: Buffer | null;
}

/** What one chunk did, for logs and tests. */
export interface LedgerChunkOutcome {
  readonly applied: number;
  readonly duplicates: number;
  readonly rejected: number;
  /** The day rows whose figures changed (the GGR topic republishes them). */
  readonly changedDays: readonly DailyGameKey[];
  /** The prize rows whose figures changed (their GGR rows are republished too). */
  readonly changedPromotionDays: readonly DailyPromotionKey[];
}

/**
 * Applies ledger events to the reports, a chunk at a time, each chunk in one database
 * transaction: the event ids are claimed (a redelivered event finds its id taken and is skipped),
 * the figures of the new events are summed in memory and added to their rows, and everything
 * commits together. The caller commits the Kafka offset only after this resolves, so a crash at
 * any point either redoes the whole chunk (nothing was committed) or skips it (all was).
 */
@Injectable()
export class LedgerIntakeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LEDGER_INTAKE_LOGGER) private readonly logger: JsonLogger,
  ) {}

  async applyChunk(messages: readonly LedgerTopicMessage[]): Promise<LedgerChunkOutcome> {
    if (messages.length > LEDGER_EVENTS_PER_TRANSACTION_MAX) {
      throw new RangeError(`${messages.length} events in one chunk; at most ${LEDGER_EVENTS_PER_TRANSACTION_MAX}`);
    }
    return this.dataSource.transaction('READ COMMITTED', (manager) => this.applyInTransaction(manager, messages));
  }

  private async applyInTransaction(manager: EntityManager, messages: readonly LedgerTopicMessage[]): Promise<LedgerChunkOutcome> {
    const events: ReportableEvent[] = [];
    const rejections: Array<{ eventId: string; reason: string; payload: string }> = [];
    for (const message of messages) {
      const reading = readLedgerMessage(message.value);
      if (reading.ok) {
        events.push(reading.event);
      } else {
        // A message without a readable id is known by its place in the topic, which is stable.
        const eventId = reading.eventId ?? `offset:${message.partition}:${message.offset}`;
        rejections.push({ eventId, reason: reading.reason, payload: message.value?.toString('utf8') ?? '' });
      }
    }
    const claimed = await claimEventIds(manager, [...new Set([...events.map((event) => event.eventId), ...rejections.map((rejection) => rejection.eventId)])]);
    let duplicates = 0;
    let rejected = 0;
    for (const rejection of rejections) {
      if (!claimed.delete(rejection.eventId)) {
        duplicates += 1;
        continue;
      }
      rejected += 1;
      await insertRejectedEvent(manager, rejection.eventId, rejection.reason, rejection.payload);
      this.logger.event('error', 'LedgerIntake', 'ledger event rejected', { eventId: rejection.eventId, reason: rejection.reason });
    }

    const days = new FiguresByKey<DailyGameKey, DailyGameFigures>((key) => zeroDailyGameFigures(key.currency));
    const players = new FiguresByKey<PlayerDayKey, PlayerDayFigures>((key) => zeroPlayerDayFigures(key.currency));
    const promotions = new FiguresByKey<DailyPromotionKey, DailyPromotionFigures>((key) => zeroDailyPromotionFigures(key.currency));
    let applied = 0;
    for (const event of events) {
      // Claimed once: the same id twice in one chunk counts once.
      if (!claimed.delete(event.eventId)) {
        duplicates += 1;
        continue;
      }
      applied += 1;
      switch (event.kind) {
        case 'not-reported':
          break;
        case 'game-transaction-applied': {
          const recorded = await insertReportedTransaction(manager, event.eventId, event.transaction);
          if (!recorded) {
            this.logger.event('warn', 'LedgerIntake', 'game transaction reported before under another event id; not counted again', { eventId: event.eventId, transactionId: event.transaction.key.transactionId });
            break;
          }
          addGameTransaction(days.figuresOf(dailyGameKeyOf(event.transaction)), event.transaction, 'applied');
          addPlayerTransaction(players.figuresOf(playerDayKeyOf(event.transaction)), event.transaction, 'applied');
          break;
        }
        case 'promotion-credit-applied': {
          const recorded = await insertReportedPromotionCredit(manager, event.eventId, event.credit);
          if (!recorded) {
            this.logger.event('warn', 'LedgerIntake', 'promotion credit reported before under another event id; not counted again', { eventId: event.eventId, awardId: event.credit.awardId });
            break;
          }
          addPromotionCredit(promotions.figuresOf(dailyPromotionKeyOf(event.credit)), event.credit);
          break;
        }
        case 'aggregator-transfer-changed':
          await upsertAggregatorTransfer(manager, event.eventId, event.fact);
          break;
        case 'game-transaction-canceled': {
          const original = await cancelReportedTransaction(manager, event.eventId, event.key);
          if (original === null) {
            // The wallet cancels only what it applied, and the applied event precedes the cancel in
            // the player's partition: this is a broken invariant upstream, kept aside for a human.
            await insertRejectedEvent(manager, event.eventId, 'cancel of a game transaction not reported, or canceled already', JSON.stringify(event.key));
            this.logger.event('error', 'LedgerIntake', 'cancel of an unreported game transaction', { eventId: event.eventId, transactionId: event.key.transactionId });
            break;
          }
          addGameTransaction(days.figuresOf(dailyGameKeyOf(original)), original, 'canceled');
          addPlayerTransaction(players.figuresOf(playerDayKeyOf(original)), original, 'canceled');
          break;
        }
        default: {
          const unhandled: never = event;
          throw new Error(`unhandled reportable event ${JSON.stringify(unhandled)}`);
        }
      }
    }
    const dayRows = days.sorted();
    for (const row of dayRows) await addToDailyGameTotals(manager, row.key, row.figures);
    for (const row of players.sorted()) await addToPlayerDailyTotals(manager, row.key, row.figures);
    const promotionRows = promotions.sorted();
    for (const row of promotionRows) await addToDailyPromotionTotals(manager, row.key, row.figures);
    await markGgrRowsChanged(manager, [...dayRows.map((row) => row.key), ...promotionRows.map((row) => row.key)]);
    return { applied, duplicates, rejected, changedDays: dayRows.map((row) => row.key), changedPromotionDays: promotionRows.map((row) => row.key) };
  }
}
