import { decodeGenerateNewToken, type DecodedGenerateNewToken } from './generate-new-token-decoder';
import { requestHashFor } from './choice-gaming-hash';
import { REQUEST_BODY_BYTES_MAX } from './choice-gaming-limits';

const PRIVATE_KEY = 'cg-private-key-0123456789';
const TOKEN = 'AbCdEfGhIjKlMnOpQrSt1234';

/** Signs the body as the provider does, so each case tests one thing: the body. */
function decodeSigned(body: string | Buffer): DecodedGenerateNewToken {
  const raw = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return decodeGenerateNewToken(raw, requestHashFor(PRIVATE_KEY, raw), PRIVATE_KEY);
}

function rejection(decoded: DecodedGenerateNewToken): { code: number; message: string } {
  if (decoded.ok) throw new Error('expected a rejection');
  return decoded.rejection;
}

describe('generateNewToken decoding', () => {
  describe('given a signed body as in the vendor document ("newGameId" : "123")', () => {
    it('when decoded then the token and the game id are read exactly', () => {
      expect(decodeSigned(`{\n"token" : "${TOKEN}",\n"newGameId" : "123"\n}`)).toEqual({ ok: true, request: { token: TOKEN, newGameId: '123' } });
    });

    it('when the game id is a JSON integer then its literal text is the game id', () => {
      expect(decodeSigned(`{"token":"${TOKEN}","newGameId":123}`)).toEqual({ ok: true, request: { token: TOKEN, newGameId: '123' } });
    });

    it('when the game id has 6 digits and leading zeros then it is kept as sent', () => {
      expect(decodeSigned(`{"token":"${TOKEN}","newGameId":"000123"}`)).toEqual({ ok: true, request: { token: TOKEN, newGameId: '000123' } });
    });

    it('when the body carries fields we do not know then they are ignored', () => {
      expect(decodeSigned(`{"token":"${TOKEN}","newGameId":"7","lobbyId":"x","extra":{"a":[1,2]}}`)).toEqual({ ok: true, request: { token: TOKEN, newGameId: '7' } });
    });
  });

  describe('given a request whose Hash header is wrong', () => {
    it('when decoded then it answers 8 before looking at the body, even a malformed one', () => {
      const raw = Buffer.from('not json at all', 'utf8');
      expect(rejection(decodeGenerateNewToken(raw, 'ab'.repeat(32), PRIVATE_KEY))).toEqual({ code: 8, message: 'hash not valid' });
      expect(rejection(decodeGenerateNewToken(raw, undefined, PRIVATE_KEY))).toEqual({ code: 8, message: 'hash not valid' });
    });
  });

  describe('given a signed body with a bad newGameId', () => {
    it.each([
      ['7 digits', '"1234567"'],
      ['empty', '""'],
      ['a letter', '"12a"'],
      ['a sign', '"-12"'],
      ['a space', '" 12"'],
      ['an exponent literal', '1e2'],
      ['a decimal literal', '12.0'],
      ['a negative literal', '-12'],
      ['null', 'null'],
      ['a boolean', 'true'],
      ['an array', '["123"]'],
    ])('when it is %s then it answers 102 naming the field', (_case, literal) => {
      expect(rejection(decodeSigned(`{"token":"${TOKEN}","newGameId":${literal}}`))).toEqual({ code: 102, message: 'request not valid: newGameId: must be 1-6 digits' });
    });

    it('when it is missing then it answers 102 naming the field', () => {
      expect(rejection(decodeSigned(`{"token":"${TOKEN}"}`))).toEqual({ code: 102, message: 'request not valid: newGameId: must be 1-6 digits' });
    });
  });

  describe('given a signed body with a malformed token', () => {
    it.each([
      ['19 characters', '"AbCdEfGhIjKlMnOpQrS"'],
      ['51 characters', `"${'A'.repeat(51)}"`],
      ['a dash', '"AbCdEfGhIj-lMnOpQrSt1234"'],
      ['a number', '12345678901234567890123'],
      ['null', 'null'],
    ])('when it is %s then it answers 101 (no session can have it)', (_case, literal) => {
      expect(rejection(decodeSigned(`{"token":${literal},"newGameId":"123"}`))).toEqual({
        code: 101,
        message: 'token not valid: token: must be 20-50 characters of [A-Za-z0-9]',
      });
    });

    it('when the token is missing then it answers 101', () => {
      expect(rejection(decodeSigned('{"newGameId":"123"}')).code).toBe(101);
    });

    it('when the token only comes from a "__proto__" key then it is refused as a body problem, never read', () => {
      expect(rejection(decodeSigned(`{"__proto__":{"token":"${TOKEN}"},"newGameId":"123"}`))).toEqual({
        code: 102,
        message: 'request not valid: __proto__: key not allowed',
      });
    });
  });

  describe('given a signed body that is not a JSON object within our limits', () => {
    it('when it is larger than the body limit then it answers 102 without parsing it', () => {
      const padding = ' '.repeat(REQUEST_BODY_BYTES_MAX);
      expect(rejection(decodeSigned(`{"token":"${TOKEN}","newGameId":"123"}${padding}`))).toEqual({
        code: 102,
        message: 'request not valid: request body larger than 16384 bytes',
      });
    });

    it('when it is not UTF-8 then it answers 102', () => {
      expect(rejection(decodeSigned(Buffer.from([0x7b, 0xff, 0x7d]))).message).toBe('request not valid: request body is not valid UTF-8');
    });

    it('when it is nested deeper than 8 levels then it answers 102 before the parser recurses', () => {
      expect(rejection(decodeSigned(`{"token":"${TOKEN}","newGameId":"1","x":[[[[[[[[1]]]]]]]]}`)).message).toBe('request not valid: request body nested deeper than 8 levels');
    });

    it('when brackets inside strings look deep then they are not counted', () => {
      expect(decodeSigned(`{"token":"${TOKEN}","newGameId":"1","x":"[[[[[[[[[[\\"[["}`).ok).toBe(true);
    });

    it('when a key repeats with another value then it answers 102 naming the key: two readers could read two requests', () => {
      expect(rejection(decodeSigned(`{"token":"${TOKEN}","newGameId":"1","newGameId":"2"}`))).toMatchObject({ code: 102, message: 'request not valid: newGameId: duplicate key' });
    });

    it('when a key repeats with the same value then it answers 102 too: the protocol kit refuses every repeated key', () => {
      expect(rejection(decodeSigned(`{"token":"${TOKEN}","newGameId":"1","newGameId":"1"}`))).toMatchObject({ code: 102, message: 'request not valid: newGameId: duplicate key' });
    });

    it.each([
      ['empty', ''],
      ['not JSON', 'token=abc'],
      ['an array', `[{"token":"${TOKEN}","newGameId":"123"}]`],
      ['a string', '"hello"'],
      ['trailing text', `{"token":"${TOKEN}","newGameId":"123"} x`],
    ])('when it is %s then it answers 102', (_case, body) => {
      expect(rejection(decodeSigned(body)).code).toBe(102);
    });
  });
});
