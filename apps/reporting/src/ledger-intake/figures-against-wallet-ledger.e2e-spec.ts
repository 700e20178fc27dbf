import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { PromotionCreditKind, Topics, topicName, WalletCommandType, WalletRequesters, playerPartitionKey, type CreditPromotionCommand, type CreditPromotionResult, type WalletReply } from '@wallet-platform/contracts';
import { createKafka, RequestReplyClient } from '@wallet-platform/messaging';
import { freshId, GamePlatform, PlatformClient, TEST_OPERATOR_ID, TEST_PLATFORM_ID, TEST_SECRET_KEY, TestStack, utcTimestamp, type Answer, type SeededPlayer } from '@wallet-platform/test-stack';

const KAFKA_BROKERS = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092').split(',');
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/**
 * Given the real stack (gateway, wallet, reporting as compiled processes on PostgreSQL, Redis and
 * Kafka) and a day played through the Operator API over two vendors (from the wallet's catalog) and
 * two currencies: BETs, WINs, a REFUND, a canceled BET and a canceled WIN, free-spin WINs
 * (`PROMO-FREESPIN`), and tournament and promotion prizes paid through the wallet's own command,
 * when the reporting service has consumed the wallet's ledger events, then its figures are exactly
 * the ones worked out by hand below, to the cent, and they equal what an SQL query over the
 * wallet's ledger entries gives for the same day.
 */
describe('reporting figures against the wallet ledger', () => {
  const stack = new TestStack(18410);
  let platform: GamePlatform;
  let redis: Redis;
  let wallet: RequestReplyClient;
  let day: string;

  /** One player per vendor × currency; their first bets differ so that every row is its own. */
  const plan = [
    { vendor: 'netent', gameId: '101', currency: 'EUR', firstBet: '10.00' },
    { vendor: 'slotsxx', gameId: '201', currency: 'EUR', firstBet: '7.77' },
    { vendor: 'netent', gameId: '101', currency: 'USD', firstBet: '12.34' },
    { vendor: 'slotsxx', gameId: '201', currency: 'USD', firstBet: '0.99' },
  ] as const;
  const players: SeededPlayer[] = [];

  beforeAll(async () => {
    await stack.start(1);
    platform = new GamePlatform(new PlatformClient(stack.gatewayUrl(0), TEST_OPERATOR_ID, TEST_SECRET_KEY));
    for (const [index, row] of plan.entries()) {
      players.push(await stack.seedPlayer({ user: `rep-${index}-${stack.environmentName}`, currency: row.currency, game: row.gameId, balance: '1000.00' }));
    }
    // The wallet's catalog names each game's vendor (what the catalog sync writes).
    await stack.walletQuery(`UPDATE games SET vendor = CASE game_id WHEN '101' THEN 'netent' WHEN '201' THEN 'slotsxx' END WHERE game_id IN ('101', '201')`);

    redis = new Redis(REDIS_URL);
    const replies = WalletRequesters.promotions;
    wallet = new RequestReplyClient(createKafka({ brokers: KAFKA_BROKERS, clientId: `reporting-e2e-${stack.environmentName}`, log: () => undefined }), redis, {
      requestTopic: topicName(stack.environmentName, Topics.walletCommands),
      replyTopic: topicName(stack.environmentName, replies),
      replyPartitionCount: replies.partitions,
      leaseKeyPrefix: `${stack.environmentName}:promotions:reply-partition`,
      leaseTtlMs: 15_000,
      instanceId: `reporting-e2e-${randomBytes(3).toString('hex')}`,
      consumerGroupPrefix: `${stack.environmentName}.promotions-replies`,
      pendingRequestsMax: 10,
      startTimeoutMs: 30_000,
    });
    await wallet.start();
  });

  afterAll(async () => {
    await wallet?.stop();
    const keys = redis ? await redis.keys(`${stack.environmentName}:*`) : [];
    if (keys.length > 0) await redis.del(...keys);
    await redis?.quit();
    const report = await stack.checkLedger();
    await stack.stop();
    expect(report.ok).toBe(true);
  });

  const ok = (answer: Answer, what: string): Answer => {
    if (answer.status !== 'OK') throw new Error(`${what} answered ${answer.httpStatus} ${String(answer.errorCode)}: ${answer.call.body}`);
    return answer;
  };

  /** A WIN with the platform's reason and campaign, as a free-spin round sends it. */
  const winWithReason = (player: SeededPlayer, amount: string, reason: string, roundId: string, campaignCode: string | null) =>
    platform.send(
      'changebalance',
      `{"token":"${player.token}","user_id":"${player.user_id}","transaction_type":"WIN","transaction_id":${freshId()},"round_id":${roundId},"round_finished":false,` +
        `"game_id":${player.game_id},"currency_code":"${player.currency}","amount":${amount},"transaction_timestamp":"${utcTimestamp()}",` +
        `"context":{"reason":"${reason}"${campaignCode === null ? '' : `,"campaign_code":"${campaignCode}"`}}}`,
    );

  const credit = async (player: SeededPlayer, kind: PromotionCreditKind, amount: string, campaignCode: string | null): Promise<void> => {
    const command: CreditPromotionCommand = {
      caller: { platformId: TEST_PLATFORM_ID, operatorId: TEST_OPERATOR_ID },
      userId: player.user_id,
      awardId: `award-${freshId()}`,
      kind,
      amount,
      currency: player.currency,
      campaignCode,
    };
    const reply = await wallet.request<WalletReply<CreditPromotionResult>>(WalletCommandType.CreditPromotion, playerPartitionKey(TEST_OPERATOR_ID, player.user_id), command, 10_000, `rep-e2e-${freshId()}`);
    if (!reply.ok) throw new Error(`credit of ${amount} ${player.currency} answered ${reply.error.kind}`);
  };

  it('gives exactly the expected figures, and they equal the wallet ledger of the same day', async () => {
    // Today's UTC day: the platform's transaction times are now. (A run across midnight UTC splits
    // the day and fails the hand-worked figures, never the comparison with the ledger.)
    day = new Date().toISOString().slice(0, 10);
    for (const [index, player] of players.entries()) {
      const roundId = String(1_000 + index);
      const play = (type: 'BET' | 'WIN' | 'REFUND', amount: string, transactionId = freshId()) => platform.changeBalance(player, type, amount, { transactionId, roundId });
      ok(await play('BET', plan[index].firstBet), 'first bet');
      ok(await play('WIN', '3.30'), 'win');
      const canceledBet = freshId();
      ok(await play('BET', '2.00', canceledBet), 'bet to cancel');
      ok(await platform.cancel(player, canceledBet, { roundId }), 'cancel of the bet');
      ok(await winWithReason(player, '1.25', 'PROMO-FREESPIN', roundId, 'SPRING'), 'free-spin win');
      ok(await play('REFUND', '0.50'), 'refund');
      const canceledWin = freshId();
      ok(await play('WIN', '4.00', canceledWin), 'win to cancel');
      ok(await platform.cancel(player, canceledWin, { roundId }), 'cancel of the win');
      ok(await play('BET', '0.10'), 'bet of 0.10');
      ok(await play('BET', '0.20'), 'bet of 0.20');
    }
    await credit(players[0], PromotionCreditKind.TournamentWin, '25.00', 'AUTUMN');
    await credit(players[0], PromotionCreditKind.PromoWin, '0.01', 'AUTUMN');
    await credit(players[3], PromotionCreditKind.PromoWin, '5.00', null);

    await waitUntilReportingHasEveryLedgerEvent(stack);

    const reported = await stack.reportingQuery<Record<string, string>>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, vendor, currency,
              sum(bets_sum)::text AS bets_sum, sum(bets_count)::text AS bets_count, sum(wins_sum)::text AS wins_sum, sum(wins_count)::text AS wins_count,
              sum(freespin_wins_sum)::text AS freespin_wins_sum, sum(freespin_wins_count)::text AS freespin_wins_count,
              sum(refunds_sum)::text AS refunds_sum, sum(refunds_count)::text AS refunds_count,
              sum(canceled_bets_sum)::text AS canceled_bets_sum, sum(canceled_bets_count)::text AS canceled_bets_count,
              sum(canceled_wins_sum)::text AS canceled_wins_sum, sum(canceled_wins_count)::text AS canceled_wins_count, sum(ggr)::text AS ggr
         FROM daily_game_totals WHERE platform_id = $1 AND operator_id = $2 GROUP BY day, vendor, currency ORDER BY day, vendor, currency`,
      [TEST_PLATFORM_ID, TEST_OPERATOR_ID],
    );
    const row = (vendor: string, currency: string, betsSum: string, ggr: string) => ({
      day, vendor, currency, bets_sum: betsSum, bets_count: '3', wins_sum: '3.30', wins_count: '1', freespin_wins_sum: '1.25', freespin_wins_count: '1',
      refunds_sum: '0.50', refunds_count: '1', canceled_bets_sum: '2.00', canceled_bets_count: '1', canceled_wins_sum: '4.00', canceled_wins_count: '1', ggr,
    });
    // bets = first bet + 0.10 + 0.20; GGR = bets − refunds − wins − free-spin wins = first bet − 4.75.
    const expected = [row('netent', 'EUR', '10.30', '5.25'), row('netent', 'USD', '12.64', '7.59'), row('slotsxx', 'EUR', '8.07', '3.02'), row('slotsxx', 'USD', '1.29', '-3.76')];
    expect(reported).toEqual(expected);
    expect(await walletLedgerGameFigures(stack)).toEqual(expected);

    const prizes = await stack.reportingQuery<Record<string, string>>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, currency, campaign_code, sum(tournament_wins_sum)::text AS tournament_wins_sum, sum(tournament_wins_count)::text AS tournament_wins_count,
              sum(promo_wins_sum)::text AS promo_wins_sum, sum(promo_wins_count)::text AS promo_wins_count
         FROM daily_promotion_totals WHERE platform_id = $1 AND operator_id = $2 GROUP BY day, currency, campaign_code ORDER BY day, currency, campaign_code`,
      [TEST_PLATFORM_ID, TEST_OPERATOR_ID],
    );
    const expectedPrizes = [
      { day, currency: 'EUR', campaign_code: 'AUTUMN', tournament_wins_sum: '25.00', tournament_wins_count: '1', promo_wins_sum: '0.01', promo_wins_count: '1' },
      { day, currency: 'USD', campaign_code: '', tournament_wins_sum: '0.00', tournament_wins_count: '0', promo_wins_sum: '5.00', promo_wins_count: '1' },
    ];
    expect(prizes).toEqual(expectedPrizes);
    expect(await walletLedgerPrizeFigures(stack)).toEqual(expectedPrizes);
  });
});

/**
 * The same figures straight from the wallet's ledger: the player-account entries of each game
 * transaction's postings (its own and its cancel's, so a canceled one nets to zero), by the
 * platform's day, the catalog's vendor and the currency. Counts are of transactions still applied.
 */
async function walletLedgerGameFigures(stack: TestStack): Promise<Array<Record<string, string>>> {
  return stack.walletQuery(
    `WITH postings AS (
       SELECT gt.id, left(gt.platform_created_at, 10) AS day, g.vendor, gt.currency, gt.type, gt.status, gt.reason, lt.kind, e.amount
         FROM game_transactions gt
         JOIN games g ON g.platform_id = gt.platform_id AND g.game_id = gt.game_id
         JOIN ledger_transactions lt ON lt.id IN (gt.ledger_transaction_id, gt.cancel_ledger_transaction_id)
         JOIN ledger_entries e ON e.transaction_id = lt.id
         JOIN accounts a ON a.id = e.account_id AND a.kind = 'player'
        WHERE gt.platform_id = $1 AND gt.operator_id = $2)
     SELECT day, vendor, currency,
       (-COALESCE(sum(amount) FILTER (WHERE kind IN ('bet', 'cancel-bet')), 0))::numeric(18,2)::text AS bets_sum,
       count(DISTINCT id) FILTER (WHERE type = 'BET' AND status = 'OK')::text AS bets_count,
       COALESCE(sum(amount) FILTER (WHERE kind IN ('win', 'cancel-win') AND reason IS DISTINCT FROM 'PROMO-FREESPIN'), 0)::numeric(18,2)::text AS wins_sum,
       count(DISTINCT id) FILTER (WHERE type = 'WIN' AND status = 'OK' AND reason IS DISTINCT FROM 'PROMO-FREESPIN')::text AS wins_count,
       COALESCE(sum(amount) FILTER (WHERE kind IN ('win', 'cancel-win') AND reason = 'PROMO-FREESPIN'), 0)::numeric(18,2)::text AS freespin_wins_sum,
       count(DISTINCT id) FILTER (WHERE type = 'WIN' AND status = 'OK' AND reason = 'PROMO-FREESPIN')::text AS freespin_wins_count,
       COALESCE(sum(amount) FILTER (WHERE kind IN ('refund', 'cancel-refund')), 0)::numeric(18,2)::text AS refunds_sum,
       count(DISTINCT id) FILTER (WHERE type = 'REFUND' AND status = 'OK')::text AS refunds_count,
       COALESCE(sum(amount) FILTER (WHERE kind = 'cancel-bet'), 0)::numeric(18,2)::text AS canceled_bets_sum,
       count(DISTINCT id) FILTER (WHERE kind = 'cancel-bet')::text AS canceled_bets_count,
       (-COALESCE(sum(amount) FILTER (WHERE kind = 'cancel-win'), 0))::numeric(18,2)::text AS canceled_wins_sum,
       count(DISTINCT id) FILTER (WHERE kind = 'cancel-win')::text AS canceled_wins_count,
       (-sum(amount))::numeric(18,2)::text AS ggr
       FROM postings GROUP BY day, vendor, currency ORDER BY day, vendor, currency`,
    [TEST_PLATFORM_ID, TEST_OPERATOR_ID],
  );
}

/** Prizes straight from the wallet's ledger: the player-account entries of its promotion postings, by commit day. */
async function walletLedgerPrizeFigures(stack: TestStack): Promise<Array<Record<string, string>>> {
  return stack.walletQuery(
    `SELECT to_char(lt.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, a.currency, COALESCE(pc.campaign_code, '') AS campaign_code,
            COALESCE(sum(e.amount) FILTER (WHERE lt.kind = 'tournament-win'), 0)::numeric(18,2)::text AS tournament_wins_sum,
            count(*) FILTER (WHERE lt.kind = 'tournament-win')::text AS tournament_wins_count,
            COALESCE(sum(e.amount) FILTER (WHERE lt.kind = 'promo-win'), 0)::numeric(18,2)::text AS promo_wins_sum,
            count(*) FILTER (WHERE lt.kind = 'promo-win')::text AS promo_wins_count
       FROM promotion_credits pc
       JOIN ledger_transactions lt ON lt.id = pc.ledger_transaction_id
       JOIN ledger_entries e ON e.transaction_id = lt.id
       JOIN accounts a ON a.id = e.account_id AND a.kind = 'player'
      WHERE pc.platform_id = $1 AND pc.operator_id = $2 AND pc.status = 'OK'
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [TEST_PLATFORM_ID, TEST_OPERATOR_ID],
  );
}

/** Waits (bounded) until the wallet published every outbox event and the reporting service claimed as many. */
async function waitUntilReportingHasEveryLedgerEvent(stack: TestStack, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let state = '';
  while (Date.now() < deadline) {
    const [{ total, unpublished }] = await stack.walletQuery<{ total: string; unpublished: string }>(
      `SELECT count(*)::text AS total, count(*) FILTER (WHERE published_at IS NULL)::text AS unpublished FROM outbox_events WHERE topic LIKE '%ledger-events'`,
    );
    const [{ processed }] = await stack.reportingQuery<{ processed: string }>(`SELECT count(*)::text AS processed FROM processed_ledger_events`);
    state = `${total} events, ${unpublished} unpublished, ${processed} processed`;
    if (unpublished === '0' && processed === total && total !== '0') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`reporting did not catch up with the wallet's ledger within ${timeoutMs} ms: ${state}`);
}
