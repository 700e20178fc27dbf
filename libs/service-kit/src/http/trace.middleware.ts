import type { NextFunction, Request, Response } from 'express';
import { expressRouteOf } from '../metrics/http-metrics.middleware';
import { traceHttpRequest, TRACE_RESPONSE_HTTP_HEADER } from './http-request-instrumentation';

export { TRACE_RESPONSE_HTTP_HEADER };

/** Every HTTP request Express answers runs inside a server span (http-request-instrumentation.ts). */
export function traceMiddleware(request: Request, response: Response, next: NextFunction): void {
  traceHttpRequest(request, response, () => expressRouteOf(request), () => next());
}
