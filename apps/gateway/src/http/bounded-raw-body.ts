import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { raw } from 'express';

/** Why a body was not read; set on the request for the route to answer in its own protocol. */
export type UnreadBody = 'too-large' | 'unreadable';
const UNREAD_BODY = Symbol('UNREAD_BODY');

/**
 * The body as raw bytes, at most `limitBytes`. A body over the limit is refused cheaply: a
 * Content-Length above it is refused before a byte is read, a chunked one as soon as it passes it.
 * Instead of the parser's error (Nest answered an unsigned 413 and logged it as an error with a
 * stack, once per request, before anything was authenticated), the request goes on to its route
 * marked `unreadBodyOf(request)`, so the protocol adapter answers in protocol; the connection is
 * closed after the answer, so the unread rest of the body costs nothing.
 */
export function boundedRawBody(limitBytes: number): RequestHandler {
  const parse = raw({ type: () => true, limit: limitBytes });
  return (request: Request, response: Response, next: NextFunction) => {
    parse(request, response, (error?: unknown) => {
      if (error === undefined || error === null) return next();
      const status = (error as { status?: unknown }).status;
      if (typeof status !== 'number' || status < 400 || status > 499) return next(error);
      (request as Request & { [UNREAD_BODY]?: UnreadBody })[UNREAD_BODY] = status === 413 ? 'too-large' : 'unreadable';
      request.body = undefined;
      response.setHeader('Connection', 'close');
      next();
    });
  };
}

export function unreadBodyOf(request: Request): UnreadBody | null {
  return (request as Request & { [UNREAD_BODY]?: UnreadBody })[UNREAD_BODY] ?? null;
}
