import { decodePromoWin, decodeTournamentWin } from './award-win-decoder';
import { requestHashFor } from './choice-gaming-hash';

const PRIVATE_KEY = 'cg-private-key-0123456789';
const TOKEN = 'AbCdEfGhIjKlMnOpQrSt1234';
const signed = (body: string): [Buffer, string] => {
  const raw = Buffer.from(body, 'utf8');
  return [raw, requestHashFor(PRIVATE_KEY, raw)];
};
const tournament = (body: string) => decodeTournamentWin(...signed(body), PRIVATE_KEY);
const promo = (body: string) => decodePromoWin(...signed(body), PRIVATE_KEY);
const rejection = (decoded: { ok: boolean; rejection?: unknown }) => {
  if (decoded.ok) throw new Error('expected a rejection');
  return decoded.rejection;
};
const fields = (change = '') => `"externalToken":"${TOKEN}","playerId":"abc123456","gameId":"123","transactionId":"124677","amount":10,"currency":"EUR"${change}`;

describe('tournamentWin and promoWin decoding', () => {
  describe('given the document\'s tournamentWin example, signed', () => {
    it('when decoded then every field is read exactly and amount 10 is 10.00 EUR', () => {
      const decoded = tournament(`{\n${fields()}\n}`);
      if (!decoded.ok) throw new Error(JSON.stringify(decoded.rejection));
      expect({ ...decoded.request, amount: decoded.request.amount.toString() }).toEqual({
        externalToken: TOKEN,
        playerId: 'abc123456',
        gameId: '123',
        transactionId: '124677',
        amount: '10.00 EUR',
      });
    });

    it('when ids come as JSON integers then their literal text is kept, past 2^53 too', () => {
      const decoded = tournament(`{${fields().replace('"transactionId":"124677"', '"transactionId":12345678901234567890').replace('"gameId":"123"', '"gameId":123')}}`);
      expect(decoded.ok && [decoded.request.transactionId, decoded.request.gameId]).toEqual(['12345678901234567890', '123']);
    });
  });

  describe('given the promoWin example, signed', () => {
    it('when decoded then the externalReferenceId is read besides the award fields', () => {
      const decoded = promo(`{${fields(',"externalReferenceId":"spring-2026.17"')}}`);
      expect(decoded.ok && decoded.request.externalReferenceId).toBe('spring-2026.17');
    });

    it('when the externalReferenceId is missing or too long then 102 names it', () => {
      expect(rejection(promo(`{${fields()}}`))).toEqual({ code: 102, message: 'request not valid: externalReferenceId: must be 1-100 characters of [A-Za-z0-9_.:-]' });
      expect(rejection(promo(`{${fields(`,"externalReferenceId":"${'r'.repeat(101)}"`)}}`))).toMatchObject({ code: 102 });
    });
  });

  describe('given a bad signature', () => {
    it('when decoded then 8 before the body is read', () => {
      expect(rejection(decodeTournamentWin(Buffer.from('not json'), 'ab'.repeat(32), PRIVATE_KEY))).toEqual({ code: 8, message: 'hash not valid' });
      expect(rejection(decodePromoWin(Buffer.from('{}'), undefined, PRIVATE_KEY))).toEqual({ code: 8, message: 'hash not valid' });
    });
  });

  describe('given a signed body with a bad field', () => {
    it.each([
      ['amount with 3 decimals', '"amount":10.555', 'amount: more than 2 decimal places'],
      ['amount zero', '"amount":0', 'amount: must be positive'],
      ['amount negative', '"amount":-5', 'amount: must be positive'],
      ['amount as text', '"amount":"10"', 'amount: must be a JSON number'],
      ['a lowercase currency', '"currency":"eur"', 'currency: must be 3-4 uppercase letters or digits'],
      ['a 7-digit game', '"gameId":"1234567"', 'gameId: must be 1-6 digits'],
      ['a transaction id with a space', '"transactionId":"12 34"', 'transactionId: must be 1-100 characters of [A-Za-z0-9_.:-]'],
      ['an empty player id', '"playerId":""', 'playerId: must be a string of 1-100 characters'],
    ])('when it has %s then 102 names the field', (_case, replacement, detail) => {
      const key = replacement.slice(1, replacement.indexOf('"', 1));
      const body = `{${fields().replace(new RegExp(`"${key}":[^,]*`), replacement)}}`;
      expect(rejection(tournament(body))).toEqual({ code: 102, message: `request not valid: ${detail}` });
    });

    it('when the token is malformed then 101: no session of ours can have it', () => {
      expect(rejection(tournament(`{${fields().replace(`"${TOKEN}"`, '"short"')}}`))).toEqual({
        code: 101,
        message: 'token not valid: externalToken: must be 20-50 characters of [A-Za-z0-9]',
      });
    });
  });
});
