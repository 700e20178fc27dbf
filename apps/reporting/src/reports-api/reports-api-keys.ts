import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { keyForBearerToken, parseBackOfficeApiKeys, type BackOfficeApiKey } from '@wallet-platform/service-kit';

/**
 * The reports API takes the back-office API keys (`BACK_OFFICE_API_KEYS`, the one format and parser
 * of libs/service-kit, hashes only); every role may read.
 */
export type ReportsApiKey = BackOfficeApiKey;

export const REPORTS_API_KEYS = Symbol('REPORTS_API_KEYS');

export function parseReportsApiKeys(json: string): readonly ReportsApiKey[] {
  return parseBackOfficeApiKeys(json);
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
