import { authorizationHeaderFor, operatorDate, operatorTimestamp, requestHashFor, responseHashFor, sha1Hex } from './operator-signing';

/** FIPS 180 test vector: sha1("abc"). Splitting "abc" over the parts proves the concatenation order. */
const SHA1_OF_ABC = 'a9993e364706816aba3e25717850c26c9cd0d89d';

describe('operator signing, from the vendor document', () => {
  it('given "abc", when hashed, then it is the FIPS 180 sha1 test vector', () => {
    expect(sha1Hex('abc')).toBe(SHA1_OF_ABC);
  });

  it('given command "ab" and secret "c", when X-Authorization is made, then it is sha1(command . secret)', () => {
    expect(authorizationHeaderFor('ab', 'c')).toBe(SHA1_OF_ABC);
  });

  it('given command "a", timestamp "b", secret "c", when the request hash is made, then it is sha1(command . timestamp . secret)', () => {
    expect(requestHashFor('a', 'b', 'c')).toBe(SHA1_OF_ABC);
  });

  it('given status "a", timestamp "b", secret "c", when the response hash is made, then it is sha1(status . timestamp . secret)', () => {
    expect(responseHashFor('a', 'b', 'c')).toBe(SHA1_OF_ABC);
  });

  it('given a moment with milliseconds, when formatted, then it is UTC Y-m-d H:i:s with seconds truncated, and the date YYYY-MM-DD', () => {
    const moment = new Date(Date.UTC(2020, 11, 1, 13, 44, 54, 999));
    expect(operatorTimestamp(moment)).toBe('2020-12-01 13:44:54');
    expect(operatorDate(moment)).toBe('2020-12-01');
  });
});
