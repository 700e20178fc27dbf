// Same as apps/wallet/src/back-office (the same keys, roles and error shape for every back-office API);
// copied because an app cannot import another app. To move into a shared lib when a third service needs it.
import { ArgumentsHost, Catch, HttpException, HttpStatus } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request, Response } from 'express';
import { LogRateLimiter, type JsonLogger } from '@wallet-platform/service-kit';

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
  constructor(private readonly logger: JsonLogger) {
    super();
  }

  /** One line a minute per source and kind of parser refusal: a client can send these at will. */
  private readonly parserRefusals = new LogRateLimiter();

  override catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request | undefined>();
    if (host.getType() !== 'http' || !request?.path?.startsWith('/back-office/')) {
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
      // client's fault, answered as such and logged without a stack (a 500 before: issue #13).
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
