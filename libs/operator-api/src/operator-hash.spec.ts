import {
  authorizationHeaderFor,
  digestsEqual,
  isAuthorizationHeaderValid,
  outboundAuthorizationHeaderFor,
  requestHashFor,
  responseHashFor,
} from './operator-hash';

const SECRET_KEY = 'secret_key';

describe('operator hashing', () => {
  describe('given the X-Authorization example of the vendor (command "status", secret "secret_key")', () => {
    const headerPrintedInSpec = '59e047104b6da4e4f37726af502ff4b1601dc5f8';

    it('when the header is computed then it is sha1("statussecret_key")', () => {
      expect(authorizationHeaderFor('status', SECRET_KEY)).toBe('bf84a057cda585cb95f0a1fc64e967faacd71fbc');
    });

    it('when the header printed in the spec is validated then it is refused: it is illustrative, not sha1("statussecret_key")', () => {
      expect(authorizationHeaderFor('status', SECRET_KEY)).not.toBe(headerPrintedInSpec);
      expect(isAuthorizationHeaderValid(headerPrintedInSpec, 'status', SECRET_KEY)).toBe(false);
    });

    it('when the computed header is validated then it is accepted, in either hex case', () => {
      expect(isAuthorizationHeaderValid('bf84a057cda585cb95f0a1fc64e967faacd71fbc', 'status', SECRET_KEY)).toBe(true);
      expect(isAuthorizationHeaderValid('BF84A057CDA585CB95F0A1FC64E967FAACD71FBC', 'status', SECRET_KEY)).toBe(true);
    });

    it('when the header is missing or made for another command then it is refused', () => {
      expect(isAuthorizationHeaderValid(undefined, 'status', SECRET_KEY)).toBe(false);
      expect(isAuthorizationHeaderValid(authorizationHeaderFor('balance', SECRET_KEY), 'status', SECRET_KEY)).toBe(false);
    });
  });

  describe('given the request signing example (authenticate at 2020-12-01 13:44:54)', () => {
    it('when the request hash is computed then it is sha1(command + request_timestamp + secret)', () => {
      expect(requestHashFor('authenticate', '2020-12-01 13:44:54', SECRET_KEY)).toBe('5f672eb7f0286f30ce13ce4c4d622b2e0c1ad40f');
    });
  });

  describe('given the response signing example (OK at 2020-12-01 15:33:11)', () => {
    it('when the response hash is computed then it is sha1(status + response_timestamp + secret)', () => {
      expect(responseHashFor('OK', '2020-12-01 15:33:11', SECRET_KEY)).toBe('fcc641fb4885911b30861927ad20c5ac3687928f');
    });

    it('when the status is ERROR at the same time then the hash is sha1("ERROR" + timestamp + secret)', () => {
      expect(responseHashFor('ERROR', '2020-12-01 15:33:11', SECRET_KEY)).toBe('ef443a2b4a91697e522d9451cc748c76d1027c03');
    });
  });

  describe('given the outbound APIs we call on the platform', () => {
    it('when the games list header is computed then it is sha1("games" + operatorId + secret)', () => {
      expect(outboundAuthorizationHeaderFor('games', 'examplecasino', SECRET_KEY)).toBe(authorizationLike('gamesexamplecasinosecret_key'));
    });

    it('when two APIs are called with the same operator then their headers differ', () => {
      expect(outboundAuthorizationHeaderFor('handHistory', 'examplecasino', SECRET_KEY)).not.toBe(
        outboundAuthorizationHeaderFor('businessReport', 'examplecasino', SECRET_KEY),
      );
    });
  });

  describe('given digests compared in constant time', () => {
    const digest = 'bf84a057cda585cb95f0a1fc64e967faacd71fbc';
    const crypto = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    let timingSafeEqual: jest.SpyInstance;

    beforeEach(() => {
      timingSafeEqual = jest.spyOn(crypto, 'timingSafeEqual');
    });
    afterEach(() => timingSafeEqual.mockRestore());

    it('when both are equal then they match, through timingSafeEqual', () => {
      expect(digestsEqual(digest, digest)).toBe(true);
      expect(timingSafeEqual).toHaveBeenCalledTimes(1);
    });

    it('when the last character differs then they do not match, through timingSafeEqual', () => {
      expect(digestsEqual(`${digest.slice(0, 39)}d`, digest)).toBe(false);
      expect(timingSafeEqual).toHaveBeenCalledTimes(1);
    });

    it('when the received digest has the wrong length then the answer is false without comparing contents', () => {
      expect(digestsEqual(digest.slice(0, 39), digest)).toBe(false);
      expect(digestsEqual(`${digest}0`, digest)).toBe(false);
      expect(digestsEqual('', digest)).toBe(false);
      expect(timingSafeEqual).not.toHaveBeenCalled();
    });
  });
});

function authorizationLike(text: string): string {
  // An independent sha1 so the test does not just call the code under test again.
  return jest.requireActual<typeof import('node:crypto')>('node:crypto').createHash('sha1').update(text).digest('hex');
}
