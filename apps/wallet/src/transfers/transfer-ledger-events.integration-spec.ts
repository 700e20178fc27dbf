import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { Agent } from 'undici';
import { aggregatorUsernameFor } from '@wallet-platform/aggregator-client';
import { FakeAggregatorServer, testAggregatorRegistry } from '@wallet-platform/aggregator-client/testing';
import { LedgerEventType, playerPartitionKey, Topics, type AggregatorTransferEvent } from '@wallet-platform/contracts';
import { createRedisClient } from '@wallet-platform/service-kit';
import { PLAYER_LOCK_KEY_PREFIX_PROVIDER, PlayerLock } from '../players/player-lock';
import { seedPlayer } from '../seed/seed-player';
import { createScratchWalletDatabase } from '../testing/scratch-wallet-database';
import { TransferAggregators } from './transfer-aggregators';
import { TransferDirection } from './transfer-state';
import { TransferSender } from './transfer-sender';
import { TransferStore } from './transfer-store';

/**
 * Each transfer posting writes its `aggregator-transfer.changed` event into the outbox in the same
 * transaction (real PostgreSQL and Redis, the fake aggregator): a deposit and a withdraw applied,
 * and a deposit refused, give exactly their opening and settling events, with the balance read
 * before each call, enough for reporting to work out the play there (−4.50). Port 18432 (the fake).
 */
describe('aggregator transfers: their ledger events', () => {
  const API_KEY = 'AggregatorKey-events-it-51c2';
  const environmentName = `agte-${randomBytes(4).toString('hex')}`;
  let fake: FakeAggregatorServer;
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  let redis: Redis;
  let sender: TransferSender;
  const dispatcher = new Agent({ connections: 4 });

  beforeAll(async () => {
    fake = await FakeAggregatorServer.start({ port: 18432, apiKey: API_KEY });
    ({ dataSource, drop } = await createScratchWalletDatabase());
    redis = createRedisClient('redis://127.0.0.1:6379', `${environmentName}-test`);
    const aggregators = TransferAggregators.fromRegistry(
      testAggregatorRegistry({ aggregatorId: 'zg', baseUrl: fake.baseUrl, apiKey: API_KEY, currencies: ['EUR'], usernamePrefix: 'wp', limits: { readTimeoutMs: 1_000, transferTimeoutMs: 500, readAttemptsMax: 2, retryDelayBaseMs: 5, retryDelayMaxMs: 10 } }
      ),
      { dispatcher },
    );
    sender = new TransferSender(new TransferStore(dataSource, new PlayerLock(redis, PLAYER_LOCK_KEY_PREFIX_PROVIDER(environmentName).useValue)), aggregators);
  });

  afterAll(async () => {
    await fake?.close();
    await dispatcher.close();
    redis?.disconnect();
    await drop?.();
  });

  it('writes one event when a transfer opens and one when it settles, in its posting transaction', async () => {
    const seeded = await seedPlayer(dataSource, {
      platformId: 'zg-platform', operatorId: 'op1', userId: 'agte-1', currency: 'EUR', balance: '100.00', gameId: '200', sessionHours: 1,
      blocked: false, dailyWagerLimit: null, dailyLossLimit: null, disabledGameId: null,
    });
    const username = aggregatorUsernameFor('wp', 'op1', seeded.playerId);
    const deposit = await sender.transfer({ aggregatorId: 'zg', playerId: seeded.playerId, direction: TransferDirection.Deposit, amount: '30.00', idempotencyKey: 'it-events-0001' });
    fake.play(username, 'EUR', '-4.50');
    const withdraw = await sender.transfer({ aggregatorId: 'zg', playerId: seeded.playerId, direction: TransferDirection.Withdraw, amount: '25.50', idempotencyKey: 'it-events-0002' });
    fake.inject('deposit', { kind: 'error-code', code: 'PLAYER_INACTIVE' });
    const refused = await sender.transfer({ aggregatorId: 'zg', playerId: seeded.playerId, direction: TransferDirection.Deposit, amount: '5.00', idempotencyKey: 'it-events-0003' });
    expect([deposit.state, withdraw.state, refused.state]).toEqual(['posted', 'posted', 'voided']);

    const rows = (await dataSource.query(
      `SELECT topic, partition_key AS "partitionKey", event_type AS "eventType", payload FROM outbox_events WHERE event_type = $1 ORDER BY id`,
      [LedgerEventType.AggregatorTransferChanged],
    )) as Array<{ topic: string; partitionKey: string; eventType: string; payload: AggregatorTransferEvent }>;
    expect(rows.every((row) => row.topic === Topics.walletLedgerEvents.name && row.partitionKey === playerPartitionKey('op1', seeded.playerId))).toBe(true);
    expect(rows.map(({ payload }) => [payload.transferId, payload.direction, payload.state, payload.amount, payload.aggregatorBalanceBefore])).toEqual([
      [deposit.id, 'deposit', 'pending', '30.00', null],
      [deposit.id, 'deposit', 'posted', '30.00', '0.00'],
      [withdraw.id, 'withdraw', 'pending', '25.50', null],
      [withdraw.id, 'withdraw', 'posted', '25.50', '25.50'],
      [refused.id, 'deposit', 'pending', '5.00', null],
      [refused.id, 'deposit', 'voided', '5.00', '0.00'],
    ]);
    const posted = rows[1]?.payload as AggregatorTransferEvent;
    expect(posted).toMatchObject({ aggregatorId: 'zg', operatorId: 'op1', userId: seeded.playerId, aggregatorUsername: username, currency: 'EUR', balanceReadAt: deposit.balanceReadAt, sentAt: deposit.sentAt });
    // Each event names the ledger transaction it was written with: the transfer's own postings.
    const postings = (await dataSource.query(`SELECT id::text AS id FROM ledger_transactions WHERE idempotency_key LIKE $1 ORDER BY id`, [`aggregator-transfer:${deposit.id}:%`])) as Array<{ id: string }>;
    expect(rows.slice(0, 2).map(({ payload }) => payload.ledgerTransactionId).sort()).toEqual(postings.map((posting) => posting.id).sort());
  });
});
