import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Why a body was not read; the route answers it in its own protocol. */
export type UnreadBody = 'too-large' | 'unreadable';
export type BoundedBody = { readonly read: Buffer } | { readonly unread: UnreadBody };
const UNREAD_BODY = Symbol('UNREAD_BODY');

/**
 * The body as raw bytes, at most `limitBytes`, exactly as sent (no content coding: a body with a
 * Content-Encoding other than identity is unreadable). A body over the limit is refused cheaply:
 * a Content-Length above it is refused before a byte is read, a chunked one as soon as it passes
 * it. The route answers an unread body in its own protocol, and the connection is closed after
 * the answer (`Connection: close`), so the unread rest of the body costs nothing.
 */
export function readBoundedBody(request: IncomingMessage, response: ServerResponse, limitBytes: number): Promise<BoundedBody> {
  const refuse = (unread: UnreadBody): BoundedBody => {
    response.setHeader('Connection', 'close');
    return { unread };
  };
  const encoding = request.headers['content-encoding'];
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') return Promise.resolve(refuse('unreadable'));
  const declared = request.headers['content-length'];
  if (declared !== undefined && !(/^\d{1,15}$/.test(declared) && Number(declared) <= limitBytes)) {
    return Promise.resolve(refuse(/^\d{1,15}$/.test(declared) ? 'too-large' : 'unreadable'));
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    let settled = false;
    const settle = (body: BoundedBody) => {
      if (settled) return;
      settled = true;
      request.off('data', onData);
      resolve(body);
    };
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length > limitBytes) {
        // Stop reading: what is buffered is dropped, the rest is never read (the socket closes after the answer).
        request.pause();
        settle(refuse('too-large'));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => settle({ read: Buffer.concat(chunks, length) }));
    request.once('aborted', () => settle(refuse('unreadable')));
    request.once('error', () => settle(refuse('unreadable')));
  });
}

/** The same policy as Express middleware: `request.body` is the bytes, or the request is marked unread. */
export function boundedRawBody(limitBytes: number): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    void readBoundedBody(request, response, limitBytes).then((body) => {
      if ('read' in body) {
        request.body = body.read;
      } else {
        (request as Request & { [UNREAD_BODY]?: UnreadBody })[UNREAD_BODY] = body.unread;
        request.body = undefined;
      }
      next();
    });
  };
}

export function unreadBodyOf(request: Request): UnreadBody | null {
  return (request as Request & { [UNREAD_BODY]?: UnreadBody })[UNREAD_BODY] ?? null;
}
