import type { NextFunction, Request, Response } from 'express';
import { meterHttpRequest, UNMATCHED_ROUTE } from '../http/http-request-instrumentation';

export { UNMATCHED_ROUTE };

/** The route template Express matched (`/operator-api/v2/:platformId/:command`), or UNMATCHED_ROUTE. */
export function expressRouteOf(request: Request): string {
  const routePath: unknown = (request as Request & { route?: { path?: unknown } }).route?.path;
  return typeof routePath === 'string' ? `${request.baseUrl}${routePath}` : UNMATCHED_ROUTE;
}

/** Counts and times every HTTP request Express answers (http-request-instrumentation.ts). */
export function httpMetricsMiddleware(request: Request, response: Response, next: NextFunction): void {
  meterHttpRequest(request, response, () => expressRouteOf(request));
  next();
}
