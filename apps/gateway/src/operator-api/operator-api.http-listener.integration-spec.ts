import { createServer, request as httpRequest, type Server } from 'node:http';
import express from 'express';
import { JsonLogger, metricsRegistry } from '@wallet-platform/service-kit';
import { OPERATOR_API_COMMAND_ROUTE, serveOperatorApiInFrontOfExpress, type OperatorApiCommands } from './operator-api.http-listener';
import type { OperatorApiCall } from './operator-api.service';

/** A real Node server on 18761 (this suite's port) with Express behind the Operator API's listener. */
const PORT = 18761;

describe('the Operator API served in front of Express', () => {
  let server: Server;
  const calls: OperatorApiCall[] = [];
  const unreadCalls: string[] = [];
  const expressSaw: string[] = [];

  const operatorApi: OperatorApiCommands = {
    handle: async (call) => {
      calls.push(call);
      if (call.authorizationHeader === 'wrong') return { httpStatus: 403 };
      return { httpStatus: 200, body: `{"status":"OP_00","echo":${JSON.stringify(call.rawBody.toString('utf8'))}}`, result: 'OK' };
    },
    refuseUnreadBody: (call, unread) => {
      unreadCalls.push(unread);
      return { httpStatus: 200, body: `{"status":"OP_49","platform":"${call.platformId}"}`, result: 'OP_49' };
    },
  };

  beforeAll(async () => {
    const app = express();
    app.use((request, response) => {
      expressSaw.push(`${request.method} ${request.url}`);
      response.status(404).send('express');
    });
    server = createServer(app);
    serveOperatorApiInFrontOfExpress(server, operatorApi, new JsonLogger('gateway-test', 'error'));
    await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    calls.length = 0;
    unreadCalls.length = 0;
    expressSaw.length = 0;
  });

  function send(method: string, path: string, body: Buffer | string, headers: Record<string, string | number> = {}) {
    return new Promise<{ status: number; text: string; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port: PORT, path, method, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers: response.headers }));
      });
      request.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
      request.end(body);
    });
  }

  it('hands a command to the Operator API with its raw body, path parameters and headers, and answers its JSON', async () => {
    const body = '{"command":"balance","a":1.10}';
    const answer = await send('POST', '/operator-api/v2/pf-1/balance', body, {
      'Content-Type': 'application/json',
      'X-Operator-Id': 'op1',
      'X-Authorization': 'sig',
      'X-Forwarded-For': '10.0.0.9',
      'Content-Length': Buffer.byteLength(body),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(answer.text)).toEqual({ status: 'OP_00', echo: body });
    expect(calls).toHaveLength(1);
    expect({ ...calls[0], rawBody: calls[0].rawBody.toString('utf8') }).toEqual({
      platformId: 'pf-1',
      pathCommand: 'balance',
      operatorIdHeader: 'op1',
      authorizationHeader: 'sig',
      peerAddress: '127.0.0.1',
      forwardedForHeader: '10.0.0.9',
      rawBody: body,
    });
    expect(expressSaw).toEqual([]);
  });

  it('gives the request a span (traceresponse) and a request id, and counts it under the route template', async () => {
    const before = await requestsCounted();
    const answer = await send('POST', '/operator-api/v2/pf-1/balance', '{}', { 'X-Request-Id': 'req-42' });
    expect(answer.headers['x-request-id']).toBe('req-42');
    expect(answer.headers['traceresponse']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
    expect((await requestsCounted()) - before).toBe(1);
  });

  it('matches the path as Express did: any case, a trailing slash, a query', async () => {
    for (const path of ['/Operator-API/v2/pf-1/Balance', '/operator-api/v2/pf-1/balance/', '/operator-api/v2/pf-1/balance?x=1']) {
      expect((await send('POST', path, '{}')).status).toBe(200);
    }
    expect(calls.map((call) => call.pathCommand)).toEqual(['Balance', 'balance', 'balance']);
  });

  it('answers 403 in plain text when the Operator API refuses the caller', async () => {
    const answer = await send('POST', '/operator-api/v2/pf-1/balance', '{}', { 'X-Authorization': 'wrong' });
    expect([answer.status, answer.text]).toEqual([403, 'Access denied']);
  });

  it('does not read a body over 64 KiB: the Operator API answers it in protocol and the connection closes', async () => {
    const answer = await send('POST', '/operator-api/v2/pf-1/changebalance', Buffer.alloc(64 * 1024 + 1, 'a'), { 'Content-Length': 64 * 1024 + 1 });
    expect([answer.status, JSON.parse(answer.text), answer.headers['connection']]).toEqual([200, { status: 'OP_49', platform: 'pf-1' }, 'close']);
    expect(unreadCalls).toEqual(['too-large']);
    expect(calls).toEqual([]);
  });

  it('leaves everything else to Express: other methods, other paths, malformed escapes', async () => {
    await send('GET', '/operator-api/v2/pf-1/ping', '');
    await send('POST', '/operator-api/v2/pf-1/balance/extra', '{}');
    await send('POST', '/operator-api/v2/%E0%A4%A/balance', '{}');
    await send('POST', '/choice-gaming/pf-1/generateNewToken', '{}');
    expect(expressSaw).toEqual(['GET /operator-api/v2/pf-1/ping', 'POST /operator-api/v2/pf-1/balance/extra', 'POST /operator-api/v2/%E0%A4%A/balance', 'POST /choice-gaming/pf-1/generateNewToken']);
    expect(calls).toEqual([]);
  });
});

async function requestsCounted(): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric('http_server_requests_total')?.get();
  return (metric?.values ?? [])
    .filter((value) => value.labels['route'] === OPERATOR_API_COMMAND_ROUTE && value.labels['status_code'] === '200')
    .reduce((sum, value) => sum + value.value, 0);
}
