import { createHash } from 'node:crypto';
import { ConfigurationError } from '../config/load-config';
import { keyForBearerToken, parseBackOfficeApiKeys } from './back-office-api-keys';

const KEY = 'a-back-office-key-0123456789';
const hash = createHash('sha256').update(KEY).digest('hex');
const problemsOf = (json: string): readonly string[] => {
  try {
    parseBackOfficeApiKeys(json);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  throw new Error('expected the keys to be refused');
};

describe('BACK_OFFICE_API_KEYS, one parser for every back-office API', () => {
  it('given a key when its bearer token is presented then it is found, and another token is not', () => {
    const keys = parseBackOfficeApiKeys(JSON.stringify([{ name: 'desk', role: 'support', sha256: hash }]));
    expect([keyForBearerToken(keys, KEY)?.name, keyForBearerToken(keys, `${KEY}x`)]).toEqual(['desk', null]);
  });

  it.each([
    ['not JSON', '[', /^BACK_OFFICE_API_KEYS: the value is not valid JSON/],
    ['an object', '{}', /^BACK_OFFICE_API_KEYS: \(the value\): must be an array of at most 100 keys$/],
    ['a bad name', JSON.stringify([{ name: 'a b', role: 'admin', sha256: hash }]), /^BACK_OFFICE_API_KEYS: \[0\]\.name: must be 1-60 chars/],
    ['an unknown role', JSON.stringify([{ name: 'a', role: 'root', sha256: hash }]), /^BACK_OFFICE_API_KEYS: \[0\]\.role: must be support or admin$/],
    ['a hash in capitals', JSON.stringify([{ name: 'a', role: 'admin', sha256: hash.toUpperCase() }]), /^BACK_OFFICE_API_KEYS: \[0\]\.sha256: must be 64 lowercase hex characters$/],
    ['a name twice', JSON.stringify([{ name: 'a', role: 'admin', sha256: hash }, { name: 'a', role: 'support', sha256: hash }]), /^BACK_OFFICE_API_KEYS: \[1\]\.name: a is listed twice$/],
    ['an unknown field', JSON.stringify([{ name: 'a', role: 'admin', sha256: hash, key: KEY }]), /^BACK_OFFICE_API_KEYS: \[0\]: .*unknown field key/],
    ['a repeated key', `[{"name":"a","role":"support","role":"admin","sha256":"${hash}"}]`, /^BACK_OFFICE_API_KEYS: \[0\]\.role: duplicate key$/],
  ])('given %s then start-up names the field, never a value', (_case, json, expected) => {
    const problems = problemsOf(json);
    expect(problems).toEqual([expect.stringMatching(expected)]);
    expect(problems.join('\n')).not.toContain(KEY);
  });
});
