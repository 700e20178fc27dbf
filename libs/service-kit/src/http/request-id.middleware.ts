import type { NextFunction, Request, Response } from 'express';
import { identifyHttpRequest, REQUEST_ID_HTTP_HEADER } from './http-request-instrumentation';

export { REQUEST_ID_HTTP_HEADER };

/** Gives every HTTP request Express answers a request id (http-request-instrumentation.ts). */
export function requestIdMiddleware(request: Request, response: Response, next: NextFunction): void {
  identifyHttpRequest(request, response, () => next());
}
