import { ArgumentsHost, Catch, HttpException, HttpStatus } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request, Response } from 'express';
import { throwError, type Observable } from 'rxjs';
import { LogRateLimiter } from '../logging/log-rate-limiter';
import type { JsonLogger } from '../logging/json-logger';

const ERROR_NAMES: Readonly<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/**
 * Every back-office error has one shape, `{"error": "<snake_case>", "message": "..."}` (plus
 * `fields` for validation), whoever raised it: our controllers, the JSON parser, the router.
 * An unexpected error is a 500 `internal_error` that reveals nothing; the detail goes to the log.
 */
@Catch()
export class BackOfficeErrorFilter extends BaseExceptionFilter {
  /** A client can repeat a refused body at will: one line a minute per source and kind. */
  private readonly parserRefusals = new LogRateLimiter();

  constructor(private readonly logger: JsonLogger) {
    super();
  }

  override catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    // A global filter also wraps the Kafka handlers (inheritAppConfig): there the error goes back,
    // untouched, to the transport, which logs its real class, message and stack and answers a
    // precise code. (Handing it to the HTTP base filter hid it behind a TypeError about headers.)
    if (host.getType() !== 'http') return throwError(() => exception);
    const http = host.switchToHttp();
    const request = http.getRequest<Request | undefined>();
    if (!request?.path?.startsWith('/back-office/')) {
      super.catch(exception, host);
      return;
    }
    const response = http.getResponse<Response>();
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      if (typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string' && /^[a-z_]+$/.test((body as { error: string }).error)) {
        response.status(status).json(body);
        return;
      }
      const message = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? exception.message);
      response.status(status).json({ error: ERROR_NAMES[status] ?? `http_${status}`, message });
      return;
    }
    const clientError = clientErrorOf(exception);
    if (clientError) {
      // The body parser's own refusals (too large, not JSON, a charset it does not read): the
      // client's fault, answered as such and logged without a stack.
      const logged = this.parserRefusals.admit(`${request.socket?.remoteAddress ?? '-'}\u0000${clientError.type}`);
      if (logged) {
        this.logger.event('warn', 'BackOffice', 'request refused by the body parser', {
          path: request.path,
          status: clientError.status,
          type: clientError.type,
          source: request.socket?.remoteAddress ?? null,
          similarSinceLastLine: logged.suppressed,
        });
      }
      response.status(clientError.status).json({ error: ERROR_NAMES[clientError.status] ?? `http_${clientError.status}`, message: clientError.message });
      return;
    }
    this.logger.event('error', 'BackOffice', 'unexpected error', { path: request.path, error: exception instanceof Error ? exception.stack : String(exception) });
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ error: 'internal_error', message: 'internal error; nothing was changed unless the operation says otherwise on retry' });
  }
}

/**
 * An `http-errors` error (what Express's body parsers raise) for a 4xx: it carries `status`,
 * `expose: true` and a `type` such as `entity.too.large`. Its message is written for clients.
 */
function clientErrorOf(exception: unknown): { status: number; type: string; message: string } | null {
  if (typeof exception !== 'object' || exception === null) return null;
  const { status, expose, type, message } = exception as { status?: unknown; expose?: unknown; type?: unknown; message?: unknown };
  if (typeof status !== 'number' || status < 400 || status > 499 || expose !== true) return null;
  return { status, type: typeof type === 'string' ? type : 'unknown', message: typeof message === 'string' ? message : 'bad request' };
}
