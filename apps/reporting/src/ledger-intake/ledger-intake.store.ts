import type { EntityManager } from 'typeorm';
import type { GameTransactionType } from '@wallet-platform/contracts';
import { AMOUNT_SCALE, currencyCodeOf, Money, RAKE_SCALE } from '@wallet-platform/money';
import type { DailyGameFigures, DailyGameKey, PlayerDayFigures, PlayerDayKey } from './game-figures';
import { REJECTED_PAYLOAD_CHARS_MAX, REJECTION_REASON_CHARS_MAX } from './ledger-intake.limits';
import type { DailyPromotionFigures, DailyPromotionKey } from './promotion-figures';
import type { AggregatorTransferFact, PayoutKind, ReportedPromotionCredit, ReportedTransaction, ReportedTransactionKey } from './reportable-event';

/**
 * SQL of the ledger intake, each function inside the caller's database transaction. The rules of
 * what counts where live in game-figures.ts; this file only reads facts and writes outcomes.
 */

/** Claims event ids; answers those not claimed before (each event is applied once, ever). */
export async function claimEventIds(manager: EntityManager, eventIds: readonly string[]): Promise<Set<string>> {
  const rows = (await manager.query(
    `INSERT INTO processed_ledger_events (event_id) SELECT unnest($1::varchar[]) ON CONFLICT (event_id) DO NOTHING RETURNING event_id AS "eventId"`,
    [eventIds],
  )) as Array<{ eventId: string }>;
  return new Set(rows.map((row) => row.eventId));
}

export async function insertRejectedEvent(manager: EntityManager, eventId: string, reason: string, payload: string): Promise<void> {
  await manager.query(`INSERT INTO rejected_ledger_events (event_id, reason, payload) VALUES ($1, $2, $3) ON CONFLICT (event_id) DO NOTHING`, [
    eventId,
    reason.slice(0, REJECTION_REASON_CHARS_MAX),
    payload.slice(0, REJECTED_PAYLOAD_CHARS_MAX),
  ]);
}

/**
 * Records a reported transaction; false when the same platform transaction was reported before
 * under another event id (the wallet never does that; the key is the last guard against counting
 * one transaction twice).
 */
export async function insertReportedTransaction(manager: EntityManager, eventId: string, transaction: ReportedTransaction): Promise<boolean> {
  const rows = (await manager.query(
    `INSERT INTO reported_game_transactions (platform_id, operator_id, transaction_id, user_id, day, vendor, game_id, currency,
       transaction_type, payout_kind, amount, rake, applied_event_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (platform_id, operator_id, transaction_id) DO NOTHING RETURNING 1`,
    [
      transaction.key.platformId,
      transaction.key.operatorId,
      transaction.key.transactionId,
      transaction.userId,
      transaction.day,
      transaction.vendor,
      transaction.gameId,
      transaction.currency,
      transaction.transactionType,
      transaction.payoutKind,
      transaction.amount.toDecimalString(),
      transaction.rake?.toDecimalString() ?? null,
      eventId,
    ],
  )) as unknown[];
  return rows.length === 1;
}

/**
 * Marks a reported transaction canceled and answers it, or null when there is nothing to reverse:
 * never reported, or canceled already.
 */
export async function cancelReportedTransaction(manager: EntityManager, eventId: string, key: ReportedTransactionKey): Promise<ReportedTransaction | null> {
  const [rows] = (await manager.query(
    `UPDATE reported_game_transactions SET canceled_event_id = $4
      WHERE platform_id = $1 AND operator_id = $2 AND transaction_id = $3 AND canceled_event_id IS NULL
      RETURNING user_id AS "userId", to_char(day, 'YYYY-MM-DD') AS day, vendor, game_id AS "gameId", currency,
        transaction_type AS "transactionType", payout_kind AS "payoutKind", amount::text AS amount, rake::text AS rake`,
    [key.platformId, key.operatorId, key.transactionId, eventId],
  )) as [Array<{ userId: string; day: string; vendor: string; gameId: string; currency: string; transactionType: GameTransactionType; payoutKind: PayoutKind | null; amount: string; rake: string | null }>, number];
  const row = rows[0];
  if (!row) return null;
  const currency = currencyCodeOf(row.currency);
  return {
    key,
    userId: row.userId,
    day: row.day,
    vendor: row.vendor,
    gameId: row.gameId,
    currency,
    transactionType: row.transactionType,
    payoutKind: row.payoutKind,
    amount: Money.parseOrThrow(row.amount, AMOUNT_SCALE, currency),
    rake: row.rake === null ? null : Money.parseOrThrow(row.rake, RAKE_SCALE, currency),
  };
}

/**
 * Adds figures to a day's row, creating it at zero first. Call in key order (see FiguresByKey).
 * Two statements rather than one upsert: a cancel's figures are negative, and PostgreSQL checks the
 * row an INSERT proposes against the table's CHECKs (counts never below zero) before it sees the
 * conflict; the UPDATE checks the row as it ends up, which is the invariant that matters.
 */
export async function addToDailyGameTotals(manager: EntityManager, key: DailyGameKey, figures: DailyGameFigures): Promise<void> {
  const f = figures;
  const keyValues = [key.day, key.operatorId, key.platformId, key.vendor, key.gameId, key.currency];
  await manager.query(
    `INSERT INTO daily_game_totals (day, operator_id, platform_id, vendor, game_id, currency) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (day, operator_id, platform_id, vendor, game_id, currency) DO NOTHING`,
    keyValues,
  );
  const [, updated] = (await manager.query(
    `UPDATE daily_game_totals SET
       bets_sum = bets_sum + $7, bets_count = bets_count + $8, wins_sum = wins_sum + $9, wins_count = wins_count + $10,
       freespin_wins_sum = freespin_wins_sum + $11, freespin_wins_count = freespin_wins_count + $12,
       jackpot_wins_sum = jackpot_wins_sum + $13, jackpot_wins_count = jackpot_wins_count + $14,
       refunds_sum = refunds_sum + $15, refunds_count = refunds_count + $16,
       canceled_bets_sum = canceled_bets_sum + $17, canceled_bets_count = canceled_bets_count + $18,
       canceled_wins_sum = canceled_wins_sum + $19, canceled_wins_count = canceled_wins_count + $20,
       canceled_refunds_sum = canceled_refunds_sum + $21, canceled_refunds_count = canceled_refunds_count + $22,
       rake_sum = rake_sum + $23, updated_at = now()
     WHERE day = $1 AND operator_id = $2 AND platform_id = $3 AND vendor = $4 AND game_id = $5 AND currency = $6`,
    [
      ...keyValues,
      f.betsSum.toDecimalString(), f.betsCount.toString(), f.winsSum.toDecimalString(), f.winsCount.toString(),
      f.freeSpinWinsSum.toDecimalString(), f.freeSpinWinsCount.toString(), f.jackpotWinsSum.toDecimalString(), f.jackpotWinsCount.toString(),
      f.refundsSum.toDecimalString(), f.refundsCount.toString(), f.canceledBetsSum.toDecimalString(), f.canceledBetsCount.toString(),
      f.canceledWinsSum.toDecimalString(), f.canceledWinsCount.toString(), f.canceledRefundsSum.toDecimalString(), f.canceledRefundsCount.toString(),
      f.rakeSum.toDecimalString(),
    ],
  )) as [unknown[], number];
  if (updated !== 1) throw new Error(`daily_game_totals row ${keyValues.join('|')} not found after its insert`);
}

export async function addToPlayerDailyTotals(manager: EntityManager, key: PlayerDayKey, figures: PlayerDayFigures): Promise<void> {
  const f = figures;
  const keyValues = [key.day, key.operatorId, key.platformId, key.userId, key.currency];
  await manager.query(
    `INSERT INTO player_daily_totals (day, operator_id, platform_id, user_id, currency) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (day, operator_id, platform_id, user_id, currency) DO NOTHING`,
    keyValues,
  );
  const [, updated] = (await manager.query(
    `UPDATE player_daily_totals SET
       bets_sum = bets_sum + $6, bets_count = bets_count + $7, wins_sum = wins_sum + $8, wins_count = wins_count + $9,
       refunds_sum = refunds_sum + $10, refunds_count = refunds_count + $11, updated_at = now()
     WHERE day = $1 AND operator_id = $2 AND platform_id = $3 AND user_id = $4 AND currency = $5`,
    [...keyValues, f.betsSum.toDecimalString(), f.betsCount.toString(), f.winsSum.toDecimalString(), f.winsCount.toString(), f.refundsSum.toDecimalString(), f.refundsCount.toString()],
  )) as [unknown[], number];
  if (updated !== 1) throw new Error(`player_daily_totals row ${keyValues.join('|')} not found after its insert`);
}

/** Marks the GGR rows (day × operator × platform × vendor × currency) of changed day rows for republishing. */
export async function markGgrRowsChanged(manager: EntityManager, keys: ReadonlyArray<Pick<DailyGameKey, 'day' | 'operatorId' | 'platformId' | 'vendor' | 'currency'>>): Promise<void> {
  const rows = new Map(keys.map((key) => [[key.day, key.operatorId, key.platformId, key.vendor, key.currency].join('|'), key]));
  // Sorted, as the aggregates: every writer locks these rows in one order.
  const sorted = [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, key]) => key);
  if (sorted.length === 0) return;
  await manager.query(
    `INSERT INTO ggr_rows_to_publish (day, operator_id, platform_id, vendor, currency)
     SELECT * FROM unnest($1::date[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[])
     ON CONFLICT (day, operator_id, platform_id, vendor, currency) DO UPDATE SET changed_at = now()`,
    [sorted.map((k) => k.day), sorted.map((k) => k.operatorId), sorted.map((k) => k.platformId), sorted.map((k) => k.vendor), sorted.map((k) => k.currency)],
  );
}

/** Records a prize; false when its award was reported before under another event id (not counted again). */
export async function insertReportedPromotionCredit(manager: EntityManager, eventId: string, credit: ReportedPromotionCredit): Promise<boolean> {
  const rows = (await manager.query(
    `INSERT INTO reported_promotion_credits (platform_id, operator_id, award_id, user_id, day, vendor, currency, kind, campaign_code, amount, applied_event_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (platform_id, operator_id, award_id) DO NOTHING RETURNING 1`,
    [credit.platformId, credit.operatorId, credit.awardId, credit.userId, credit.day, credit.vendor, credit.currency, credit.kind, credit.campaignCode, credit.amount.toDecimalString(), eventId],
  )) as unknown[];
  return rows.length === 1;
}

/** Adds prize figures to a day's row, creating it first. Call in key order (see FiguresByKey). */
export async function addToDailyPromotionTotals(manager: EntityManager, key: DailyPromotionKey, figures: DailyPromotionFigures): Promise<void> {
  const keyValues = [key.day, key.operatorId, key.platformId, key.vendor, key.currency, key.campaignCode];
  await manager.query(
    `INSERT INTO daily_promotion_totals (day, operator_id, platform_id, vendor, currency, campaign_code) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (day, operator_id, platform_id, vendor, currency, campaign_code) DO NOTHING`,
    keyValues,
  );
  const [, updated] = (await manager.query(
    `UPDATE daily_promotion_totals SET tournament_wins_sum = tournament_wins_sum + $7, tournament_wins_count = tournament_wins_count + $8,
       promo_wins_sum = promo_wins_sum + $9, promo_wins_count = promo_wins_count + $10, updated_at = now()
     WHERE day = $1 AND operator_id = $2 AND platform_id = $3 AND vendor = $4 AND currency = $5 AND campaign_code = $6`,
    [...keyValues, figures.tournamentWinsSum.toDecimalString(), figures.tournamentWinsCount.toString(), figures.promoWinsSum.toDecimalString(), figures.promoWinsCount.toString()],
  )) as [unknown[], number];
  if (updated !== 1) throw new Error(`daily_promotion_totals row ${keyValues.join('|')} not found after its insert`);
}

/**
 * Records an aggregator transfer's latest state: inserted when it opens, completed when it
 * settles. A settled fact is final (a replay of the opening event after the settlement changes
 * nothing); the wallet's own trigger keeps a settled transfer from changing.
 */
export async function upsertAggregatorTransfer(manager: EntityManager, eventId: string, fact: AggregatorTransferFact): Promise<void> {
  await manager.query(
    `INSERT INTO aggregator_transfer_facts (transfer_id, aggregator_id, operator_id, player_id, username, direction, amount, currency, state,
       balance_before, balance_read_at, changed_at, event_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::timestamptz, $12::timestamptz, $13)
     ON CONFLICT (transfer_id) DO UPDATE SET state = EXCLUDED.state, balance_before = EXCLUDED.balance_before,
       balance_read_at = EXCLUDED.balance_read_at, changed_at = EXCLUDED.changed_at, event_id = EXCLUDED.event_id
     WHERE aggregator_transfer_facts.state = 'pending' AND EXCLUDED.state <> 'pending'`,
    [fact.transferId, fact.aggregatorId, fact.operatorId, fact.playerId, fact.username, fact.direction, fact.amount.toDecimalString(), fact.amount.currencyCode, fact.state,
      fact.balanceBefore, fact.balanceReadAt, fact.occurredAt, eventId],
  );
}
