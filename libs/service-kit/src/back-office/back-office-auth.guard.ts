import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { BackOfficeRole, keyForBearerToken, type BackOfficeApiKey } from './back-office-api-keys';

export const BACK_OFFICE_API_KEYS = Symbol('BACK_OFFICE_API_KEYS');
const REQUIRED_ROLE = 'back-office:required-role';

/** Marks a route as changing state: only `admin` keys may call it. Reads need any valid key. */
export const AdminOnly = () => SetMetadata(REQUIRED_ROLE, BackOfficeRole.Admin);

/** The authenticated caller, attached to the request for audit fields. */
export interface BackOfficeRequest extends Request {
  backOfficeCaller?: BackOfficeApiKey;
}

@Injectable()
export class BackOfficeAuthGuard implements CanActivate {
  constructor(
    @Inject(BACK_OFFICE_API_KEYS) private readonly keys: readonly BackOfficeApiKey[],
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<BackOfficeRequest>();
    const header = request.header('authorization') ?? '';
    const match = /^Bearer (\S+)$/.exec(header);
    const key = match ? keyForBearerToken(this.keys, match[1]) : null;
    if (!key) throw new UnauthorizedException({ error: 'unauthorized', message: 'a valid back-office API key is required (Authorization: Bearer <key>)' });
    const required = this.reflector.getAllAndOverride<BackOfficeRole | undefined>(REQUIRED_ROLE, [context.getHandler(), context.getClass()]);
    if (required === BackOfficeRole.Admin && key.role !== BackOfficeRole.Admin) {
      throw new ForbiddenException({ error: 'forbidden', message: `this operation needs the admin role; key ${key.name} has ${key.role}` });
    }
    request.backOfficeCaller = key;
    return true;
  }
}
