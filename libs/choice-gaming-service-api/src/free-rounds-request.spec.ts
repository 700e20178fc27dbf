import { createHash } from 'node:crypto';
import { currencyCodeOf, Money } from '@wallet-platform/money';
import { encodeServiceApiRequest, FreeRoundsAction, freeRoundsDataJson, FreeRoundsRequestError, type FreeRoundsGrant } from './free-rounds-request';

const EUR = currencyCodeOf('EUR');
const GRANT: FreeRoundsGrant = {
  action: FreeRoundsAction.FreeRounds,
  players: [{ playerId: '24429392', externalReferenceId: '41d5-ae4a-48a83e6321a0' }],
  validUntil: new Date('2021-04-13T11:04:04Z'),
  roundsCount: 40,
  bet: Money.parseOrThrow('0.10', 2, EUR),
  gameId: '2',
};

describe('free-rounds request', () => {
  describe('given one player (the document\'s single example)', () => {
    it('when encoded then data has the single form, in the vendor\'s field order, and amount 0.1', () => {
      expect(freeRoundsDataJson(GRANT)).toBe(
        '{"playerId":"24429392","externalReferenceId":"41d5-ae4a-48a83e6321a0","freeRoundValidity":"13-04-2021 11:04:04","numberOfFreeRounds":40,"amount":0.1,"currency":"EUR","gameIds":["2"]}',
      );
    });

    it('when signed then the body carries the data bytes and hash = sha256(key . time . data)', () => {
      const encoded = encodeServiceApiRequest(GRANT, { platform: 8n, partnerId: 1n }, 'privateKey', new Date('2023-02-15T15:31:31Z'));
      const expectedHash = createHash('sha256').update(`privateKey15-02-2023 15:31:31${encoded.dataJson}`).digest('hex');
      expect(encoded.body).toBe(`{"action":"freeRounds","platform":8,"partnerId":1,"time":"15-02-2023 15:31:31","data":${encoded.dataJson},"hash":"${expectedHash}"}`);
    });

    it('when signed at another second then only time and hash change: a retry is the same grant', () => {
      const first = encodeServiceApiRequest(GRANT, { platform: 8n, partnerId: 1n }, 'privateKey', new Date('2023-02-15T15:31:31Z'));
      const retry = encodeServiceApiRequest(GRANT, { platform: 8n, partnerId: 1n }, 'privateKey', new Date('2023-02-15T15:31:40Z'));
      expect(retry.dataJson).toBe(first.dataJson);
      expect(retry.body).not.toBe(first.body);
    });
  });

  describe('given several players with freeRoundsByBet (the v1.1 example)', () => {
    it('when encoded then the lists form, betAmount and a single gameId are used', () => {
      const grant: FreeRoundsGrant = {
        ...GRANT,
        action: FreeRoundsAction.FreeRoundsByBet,
        players: [
          { playerId: 'p123', externalReferenceId: 'ref-101' },
          { playerId: 'p124', externalReferenceId: 'ref-102' },
          { playerId: 'p125', externalReferenceId: 'ref-103' },
        ],
      };
      expect(freeRoundsDataJson(grant)).toBe(
        '{"playerIds":["p123","p124","p125"],"externalReferenceIds":["ref-101","ref-102","ref-103"],"freeRoundValidity":"13-04-2021 11:04:04","numberOfFreeRounds":40,"betAmount":0.1,"currency":"EUR","gameId":"2"}',
      );
    });
  });

  describe('given a grant that breaks a rule', () => {
    const player = (i: number) => ({ playerId: `player-${i}`, externalReferenceId: `ref-${i}` });
    it.each<[string, Partial<FreeRoundsGrant>, RegExp]>([
      ['no players', { players: [] }, /no players/],
      ['a player twice', { players: [player(1), { playerId: 'player-1', externalReferenceId: 'other' }] }, /playerId player-1 appears twice/],
      ['a reference twice', { players: [player(1), { playerId: 'x', externalReferenceId: 'ref-1' }] }, /externalReferenceId ref-1 appears twice/],
      ['an id over 100 characters', { players: [{ playerId: 'p'.repeat(101), externalReferenceId: 'r' }] }, /playerId must be 1-100/],
      ['lists over 20,000 characters', { players: Array.from({ length: 1000 }, (_, i) => player(i)) }, /over 20000 characters/],
      ['zero rounds', { roundsCount: 0 }, /numberOfFreeRounds/],
      ['a zero bet', { bet: Money.parseOrThrow('0', 2, EUR) }, /bet must be positive/],
      ['a four-letter currency', { bet: Money.parseOrThrow('1', 2, currencyCodeOf('USDT')) }, /currency must be 3/],
      ['a game id with a slash', { gameId: '2/3' }, /gameId/],
    ])('when it has %s then it is refused before anything is sent', (_case, change, message) => {
      expect(() => freeRoundsDataJson({ ...GRANT, ...change })).toThrow(FreeRoundsRequestError);
      expect(() => freeRoundsDataJson({ ...GRANT, ...change })).toThrow(message);
    });
  });
});
