import type { ArgumentsHost } from '@nestjs/common';
import { lastValueFrom, isObservable } from 'rxjs';
import { JsonLogger } from '../logging/json-logger';
import { BackOfficeErrorFilter } from './back-office-error.filter';

describe('the back-office error filter on a Kafka handler', () => {
  it('hands the handler’s own error back to the transport, not a TypeError about HTTP headers', async () => {
    const filter = new BackOfficeErrorFilter(new JsonLogger('wallet', 'error'));
    const host = { getType: () => 'rpc', switchToHttp: () => ({ getRequest: () => undefined, getResponse: () => undefined }) } as unknown as ArgumentsHost;
    const cause = new RangeError('connection terminated unexpectedly');
    const answer = filter.catch(cause, host);
    expect(isObservable(answer)).toBe(true);
    await expect(lastValueFrom(answer as never)).rejects.toBe(cause);
  });
});

describe('the back-office error filter on HTTP', () => {
  function httpHost(path: string) {
    const sent: { status?: number; body?: unknown } = {};
    const response = {
      status(code: number) {
        sent.status = code;
        return this;
      },
      json(body: unknown) {
        sent.body = body;
        return this;
      },
    };
    const host = { getType: () => 'http', switchToHttp: () => ({ getRequest: () => ({ path }), getResponse: () => response }) } as unknown as ArgumentsHost;
    return { host, sent };
  }

  it.each([
    [413, 'entity.too.large', 'request entity too large', 'payload_too_large'],
    [400, 'entity.parse.failed', 'Unexpected token } in JSON', 'bad_request'],
    [415, 'charset.unsupported', 'unsupported charset "UTF-7"', 'unsupported_media_type'],
  ])('answers the body parser’s %i (%s) as that 4xx, never 500, and logs it at warn without a stack', (status, type, message, error) => {
    const lines: Array<Record<string, unknown>> = [];
    const filter = new BackOfficeErrorFilter(new JsonLogger('wallet', 'debug', (line) => lines.push(JSON.parse(line))));
    const { host, sent } = httpHost('/back-office/v1/players');
    // What body-parser raises: an http-errors object, not a Nest HttpException.
    const parserError = Object.assign(new Error(message), { status, statusCode: status, expose: true, type });
    filter.catch(parserError, host);
    expect(sent).toEqual({ status, body: { error, message } });
    expect(lines).toEqual([expect.objectContaining({ level: 'warn', status, type })]);
    expect(lines[0]).not.toHaveProperty('stack');
  });

  it('still answers 500 for an unexpected error, revealing nothing', () => {
    const filter = new BackOfficeErrorFilter(new JsonLogger('wallet', 'error', () => undefined));
    const { host, sent } = httpHost('/back-office/v1/players');
    filter.catch(Object.assign(new Error('relation "x" does not exist'), { status: 500, expose: false }), host);
    expect(sent.status).toBe(500);
    expect(JSON.stringify(sent.body)).not.toContain('relation');
  });
});
