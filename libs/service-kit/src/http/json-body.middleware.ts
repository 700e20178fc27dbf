import { BadRequestException, HttpException, HttpStatus } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { isSafeNumber, LosslessNumber } from 'lossless-json';
import { JsonProblem, readBoundedJson } from '@wallet-platform/protocol-kit';

export interface JsonBodyLimits {
  /** The largest body in bytes; a larger one is answered 413 without being read further. */
  readonly bytesMax: number;
  /** The deepest nesting of objects and arrays. */
  readonly depthMax: number;
}

/** Ours: a back-office or reports request is a flat object with a list at most; 8 leaves room. */
export const API_BODY_DEPTH_MAX = 8;

/**
 * The body reader of every JSON API of ours (the back office of the wallet and of promotions, the
 * reports API), in place of Express's `json()`, so that they read bodies with the protocol kit's one
 * policy: a repeated key (`{"amount":"1.00","amount":"900.00"}`) is refused with a 400 naming the
 * field, in the validation error's shape, before any controller runs; `__proto__` is refused; a
 * leading BOM is skipped; size and depth are bounded.
 *
 * A number becomes a JS number only when that keeps its value exactly; any other number (a
 * 20-digit id, 1e309) is refused with a 400 naming its field instead of being rounded (money is a
 * decimal string in our APIs). It must not reach the DTOs: class-transformer cannot copy a
 * LosslessNumber (the network fuzzer found that 500). A request without a body, or whose
 * body is not `application/json`, gets `{}` unread, as with Express's json() (validation then
 * refuses what is missing).
 */
export function jsonBodyReader(limits: JsonBodyLimits): RequestHandler {
  return (request: Request, _response: Response, next: NextFunction): void => {
    // As Express's json(): a request without a body, or of another type, has the empty object.
    const hasBody = request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
    if (!hasBody || !request.is('application/json')) {
      request.body = {};
      next();
      return;
    }
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limits.bytesMax) {
      tooLarge(request, limits, next);
      return;
    }
    const chunks: Buffer[] = [];
    let sizeBytes = 0;
    let done = false;
    request.on('data', (chunk: Buffer) => {
      if (done) return;
      sizeBytes += chunk.length;
      if (sizeBytes > limits.bytesMax) {
        done = true;
        tooLarge(request, limits, next);
        return;
      }
      chunks.push(chunk);
    });
    request.on('error', (error) => {
      if (done) return;
      done = true;
      next(new BadRequestException({ error: 'bad_request', message: `request body could not be read: ${error.message}` }));
    });
    request.on('end', () => {
      if (done) return;
      done = true;
      if (sizeBytes === 0) {
        request.body = {};
        next();
        return;
      }
      const read = readBoundedJson(Buffer.concat(chunks), { bytesMax: limits.bytesMax, depthMax: limits.depthMax, subject: 'request body', parseNumber: exactNumber });
      if (read.ok) {
        const inexact = inexactNumberPath(read.value, '');
        if (inexact !== null) {
          next(new BadRequestException({ error: 'validation_failed', fields: [{ field: inexact, problems: ['is a number a JSON number cannot hold exactly: send it as a decimal string'] }] }));
          return;
        }
        request.body = read.value;
        next();
        return;
      }
      next(refusal(read.problem, read.message, read.path));
    });
  };
}

/** The path of the first number that stayed a LosslessNumber, or null. Depth is bounded by the reader. */
function inexactNumberPath(value: unknown, path: string): string | null {
  if (value instanceof LosslessNumber) return path;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = inexactNumberPath(value[index], `${path}[${index}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const found = inexactNumberPath(item, path === '' ? key : `${path}.${key}`);
      if (found !== null) return found;
    }
  }
  return null;
}

function exactNumber(text: string): unknown {
  return isSafeNumber(text) ? Number(text) : new LosslessNumber(text);
}

function refusal(problem: JsonProblem, message: string, path: string | null): HttpException {
  switch (problem) {
    case JsonProblem.DuplicateKey:
    case JsonProblem.ForbiddenKey:
      // Named like a validation failure: the field is what the client must fix.
      return new BadRequestException({
        error: 'validation_failed',
        fields: [{ field: path ?? '', problems: [problem === JsonProblem.DuplicateKey ? 'appears more than once: each field may appear once' : 'is not an allowed key'] }],
      });
    case JsonProblem.TooLarge:
      return new HttpException({ error: 'payload_too_large', message }, HttpStatus.PAYLOAD_TOO_LARGE);
    case JsonProblem.NotUtf8:
    case JsonProblem.TooDeep:
    case JsonProblem.InvalidJson:
    case JsonProblem.NotAnObject:
      return new BadRequestException({ error: 'bad_request', message });
  }
}

function tooLarge(request: Request, limits: JsonBodyLimits, next: NextFunction): void {
  // Stop reading: the rest of the body is discarded, not buffered.
  request.unpipe?.();
  request.resume();
  next(new HttpException({ error: 'payload_too_large', message: `request body larger than ${limits.bytesMax} bytes` }, HttpStatus.PAYLOAD_TOO_LARGE));
}
