import { createHash, timingSafeEqual } from 'node:crypto';
import { ConfigurationError } from '@wallet-platform/service-kit';

/**
 * Back-office roles. `support` reads (players, history, limits); `admin` also moves money and
 * changes players, limits, sessions and the catalog.
 */
export const BackOfficeRole = { Support: 'support', Admin: 'admin' } as const;
export type BackOfficeRole = (typeof BackOfficeRole)[keyof typeof BackOfficeRole];

export interface BackOfficeApiKey {
  /** Who holds the key; recorded on every change they make. */
  readonly name: string;
  readonly role: BackOfficeRole;
  /** sha256 of the key, hex: the configuration never holds the key itself. */
  readonly sha256: Buffer;
}

const KEYS_MAX = 100;
export const API_KEY_LENGTH_MIN = 24;
export const API_KEY_LENGTH_MAX = 200;

/**
 * `BACK_OFFICE_API_KEYS`: JSON `[{"name":"support-desk","role":"support","sha256":"<hex>"}]`.
 * Make a key with `openssl rand -hex 24` and its hash with `printf %s KEY | sha256sum`.
 */
export function parseBackOfficeApiKeys(json: string): readonly BackOfficeApiKey[] {
  const fail = (problem: string): never => {
    throw new ConfigurationError([`BACK_OFFICE_API_KEYS: ${problem}`]);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    fail('is not valid JSON');
  }
  if (!Array.isArray(parsed) || parsed.length > KEYS_MAX) fail(`must be an array of at most ${KEYS_MAX} keys`);
  const names = new Set<string>();
  return (parsed as unknown[]).map((entry, index) => {
    const { name, role, sha256 } = (entry ?? {}) as Record<string, unknown>;
    if (typeof name !== 'string' || !/^[A-Za-z0-9._-]{1,60}$/.test(name)) fail(`[${index}].name must be 1-60 chars of [A-Za-z0-9._-]`);
    if (names.has(name as string)) fail(`[${index}].name ${String(name)} is listed twice`);
    names.add(name as string);
    if (role !== BackOfficeRole.Support && role !== BackOfficeRole.Admin) fail(`[${index}].role must be support or admin`);
    if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) fail(`[${index}].sha256 must be 64 lowercase hex characters`);
    return { name: name as string, role: role as BackOfficeRole, sha256: Buffer.from(sha256 as string, 'hex') };
  });
}

/** The key holding this bearer token, or null. Compares every configured hash in constant time. */
export function keyForBearerToken(keys: readonly BackOfficeApiKey[], token: string): BackOfficeApiKey | null {
  if (token.length < API_KEY_LENGTH_MIN || token.length > API_KEY_LENGTH_MAX) return null;
  const digest = createHash('sha256').update(token, 'utf8').digest();
  let found: BackOfficeApiKey | null = null;
  for (const key of keys) {
    if (timingSafeEqual(digest, key.sha256) && found === null) found = key;
  }
  return found;
}
