import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { ConfigurationError } from '@wallet-platform/service-kit';

/**
 * The reports API takes the back-office API keys, in the wallet's format
 * (`[{"name":"…","role":"support"|"admin","sha256":"<hex>"}]`, hashes only); every role may read.
 * The parsing and the constant-time check repeat apps/wallet/src/back-office/auth: an app may not
 * import another app, and moving them into libs/service-kit touches the wallet, which is being
 * rewritten; they belong together in that lib once it is.
 */
export interface ReportsApiKey {
  readonly name: string;
  readonly sha256: Buffer;
}

export const REPORTS_API_KEYS = Symbol('REPORTS_API_KEYS');
const KEYS_MAX = 100;
const API_KEY_LENGTH_MIN = 24;
const API_KEY_LENGTH_MAX = 200;

export function parseReportsApiKeys(json: string): readonly ReportsApiKey[] {
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
  return (parsed as unknown[]).map((entry, index) => {
    const { name, role, sha256 } = (entry ?? {}) as Record<string, unknown>;
    if (typeof name !== 'string' || !/^[A-Za-z0-9._-]{1,60}$/.test(name)) fail(`[${index}].name must be 1-60 chars of [A-Za-z0-9._-]`);
    if (role !== 'support' && role !== 'admin') fail(`[${index}].role must be support or admin`);
    if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) fail(`[${index}].sha256 must be 64 lowercase hex characters`);
    return { name: name as string, sha256: Buffer.from(sha256 as string, 'hex') };
  });
}

/** Every configured hash is compared, in constant time, whatever matches first. */
function keyForBearerToken(keys: readonly ReportsApiKey[], token: string): ReportsApiKey | null {
  if (token.length < API_KEY_LENGTH_MIN || token.length > API_KEY_LENGTH_MAX) return null;
  const digest = createHash('sha256').update(token, 'utf8').digest();
  let found: ReportsApiKey | null = null;
  for (const key of keys) {
    if (timingSafeEqual(digest, key.sha256) && found === null) found = key;
  }
  return found;
}

@Injectable()
export class ReportsApiAuthGuard implements CanActivate {
  constructor(@Inject(REPORTS_API_KEYS) private readonly keys: readonly ReportsApiKey[]) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const match = /^Bearer (\S+)$/.exec(request.header('authorization') ?? '');
    if (!match || keyForBearerToken(this.keys, match[1]) === null) {
      throw new UnauthorizedException({ error: 'unauthorized', message: 'a valid back-office API key is required (Authorization: Bearer <key>)' });
    }
    return true;
  }
}
