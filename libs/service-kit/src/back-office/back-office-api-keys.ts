import { createHash } from 'node:crypto';
import { z } from 'zod';
import { bytesEqual, readBoundedJson } from '@wallet-platform/protocol-kit';
import { ConfigurationError } from '../config/load-config';

/**
 * Back-office roles, the same for every back-office API of ours (the wallet's, the promotions
 * service's, the reports API). `support` reads; `admin` also changes (moves money, changes
 * players, limits, sessions, the catalog, campaigns).
 */
export const BackOfficeRole = { Support: 'support', Admin: 'admin' } as const;
export type BackOfficeRole = (typeof BackOfficeRole)[keyof typeof BackOfficeRole];

export interface BackOfficeApiKey {
  /** Who holds the key; recorded on every change they make. */
  readonly name: string;
  readonly role: BackOfficeRole;
  /** sha256 of the key: the configuration never holds the key itself. */
  readonly sha256: Buffer;
}

export const BACK_OFFICE_API_KEYS_MAX = 100;
export const API_KEY_LENGTH_MIN = 24;
export const API_KEY_LENGTH_MAX = 200;
/** The variable's JSON is a flat list: 16 KiB holds 100 keys with room to spare. */
const KEYS_JSON_BYTES_MAX = 16 * 1024;
const KEYS_JSON_DEPTH_MAX = 3;

const apiKeysSchema = z
  .array(
    z.strictObject({
      name: z.string({ error: 'must be a string' }).regex(/^[A-Za-z0-9._-]{1,60}$/, { error: 'must be 1-60 chars of [A-Za-z0-9._-]' }),
      role: z.enum([BackOfficeRole.Support, BackOfficeRole.Admin], { error: 'must be support or admin' }),
      sha256: z.string({ error: 'must be a string' }).regex(/^[0-9a-f]{64}$/, { error: 'must be 64 lowercase hex characters' }),
    }),
    { error: `must be an array of at most ${BACK_OFFICE_API_KEYS_MAX} keys` },
  )
  .max(BACK_OFFICE_API_KEYS_MAX, { error: `must be an array of at most ${BACK_OFFICE_API_KEYS_MAX} keys` })
  .superRefine((keys, context) => {
    const names = new Set<string>();
    keys.forEach((key, index) => {
      if (names.has(key.name)) context.addIssue({ code: 'custom', path: [index, 'name'], message: `${key.name} is listed twice` });
      names.add(key.name);
    });
  });

/**
 * `BACK_OFFICE_API_KEYS`: JSON `[{"name":"support-desk","role":"support","sha256":"<hex>"}]`, read
 * by the protocol kit's reader and one schema. Every bad field is named (`[1].role: must be support
 * or admin`); a hash is never echoed. Make a key with `openssl rand -hex 24` and its hash with
 * `printf %s KEY | sha256sum`.
 */
export function parseBackOfficeApiKeys(json: string, variable = 'BACK_OFFICE_API_KEYS'): readonly BackOfficeApiKey[] {
  const read = readBoundedJson(json, { bytesMax: KEYS_JSON_BYTES_MAX, depthMax: KEYS_JSON_DEPTH_MAX, subject: 'the value' });
  if (!read.ok) throw new ConfigurationError([`${variable}: ${read.message}`]);
  const parsed = apiKeysSchema.safeParse(read.value);
  if (!parsed.success) {
    throw new ConfigurationError(
      parsed.error.issues.map((issue) => {
        const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
        const keys = issue.code === 'unrecognized_keys' ? ` (unknown field ${issue.keys.join(', ')})` : '';
        return `${variable}: ${path === '' ? '(the value)' : path.replace(/^\./, '')}: ${issue.message}${keys}`;
      }),
    );
  }
  return parsed.data.map((key) => ({ name: key.name, role: key.role, sha256: Buffer.from(key.sha256, 'hex') }));
}

/** The key holding this bearer token, or null. Compares every configured hash in constant time. */
export function keyForBearerToken(keys: readonly BackOfficeApiKey[], token: string): BackOfficeApiKey | null {
  if (token.length < API_KEY_LENGTH_MIN || token.length > API_KEY_LENGTH_MAX) return null;
  const digest = createHash('sha256').update(token, 'utf8').digest();
  let found: BackOfficeApiKey | null = null;
  for (const key of keys) {
    if (bytesEqual(digest, key.sha256) && found === null) found = key;
  }
  return found;
}
