import type { NextFunction, Request, Response } from 'express';
import { requestIdFrom, runWithRequestContext } from '../logging/request-context';

export const REQUEST_ID_HTTP_HEADER = 'x-request-id';

/** Gives every HTTP request a request id (the caller's if well-formed) and echoes it in the response. */
export function requestIdMiddleware(request: Request, response: Response, next: NextFunction): void {
  const requestId = requestIdFrom(request.header(REQUEST_ID_HTTP_HEADER));
  response.setHeader(REQUEST_ID_HTTP_HEADER, requestId);
  runWithRequestContext({ requestId }, next);
}
