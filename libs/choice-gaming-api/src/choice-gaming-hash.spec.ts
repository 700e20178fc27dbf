import { isRequestHashValid, requestHashFor } from './choice-gaming-hash';

const PRIVATE_KEY = 'cg-private-key-0123456789';
const BODY = Buffer.from('{"token":"AbCdEfGhIjKlMnOpQrSt1234","newGameId":"123"}', 'utf8');
/** `printf '%s' 'cg-private-key-0123456789{"token":…,"newGameId":"123"}' | sha256sum` */
const EXPECTED_HASH = 'e8dc1ad0fb749929f28518d5b17ebcc799eea729c44012dd75193ed49bfbd2e3';

describe('Choice Gaming Hash header', () => {
  describe('given a generateNewToken body and the platform private key', () => {
    it('when the hash is computed then it is hex sha256(privateKey + raw body), as sha256sum prints it', () => {
      expect(requestHashFor(PRIVATE_KEY, BODY)).toBe(EXPECTED_HASH);
    });

    it('when the body is empty then the hash is sha256 of the key alone', () => {
      expect(requestHashFor(PRIVATE_KEY, Buffer.alloc(0))).toBe('c9e9ee3b4e7bf4b7ee056b80deffe6a51db7b6f957c63fa55ed6e92990773b73');
    });

    it('when the correct header arrives then it is accepted, in either hex case', () => {
      expect(isRequestHashValid(EXPECTED_HASH, PRIVATE_KEY, BODY)).toBe(true);
      expect(isRequestHashValid(EXPECTED_HASH.toUpperCase(), PRIVATE_KEY, BODY)).toBe(true);
    });

    it('when the header is missing, empty, cut short or not hex then it is refused', () => {
      expect(isRequestHashValid(undefined, PRIVATE_KEY, BODY)).toBe(false);
      expect(isRequestHashValid('', PRIVATE_KEY, BODY)).toBe(false);
      expect(isRequestHashValid(EXPECTED_HASH.slice(0, 63), PRIVATE_KEY, BODY)).toBe(false);
      expect(isRequestHashValid(`${EXPECTED_HASH.slice(0, 63)}g`, PRIVATE_KEY, BODY)).toBe(false);
      expect(isRequestHashValid(` ${EXPECTED_HASH}`, PRIVATE_KEY, BODY)).toBe(false);
    });

    it('when one byte of the body differs (a space after the colon) then the same header is refused', () => {
      const reformatted = Buffer.from('{"token": "AbCdEfGhIjKlMnOpQrSt1234","newGameId":"123"}', 'utf8');
      expect(isRequestHashValid(EXPECTED_HASH, PRIVATE_KEY, reformatted)).toBe(false);
    });

    it('when another platform key signed the body then it is refused', () => {
      expect(isRequestHashValid(requestHashFor('another-private-key-000', BODY), PRIVATE_KEY, BODY)).toBe(false);
    });
  });
});
