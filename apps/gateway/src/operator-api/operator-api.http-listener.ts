import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { REQUEST_BODY_BYTES_MAX } from '@wallet-platform/operator-api';
import { instrumentHttpRequest, type JsonLogger } from '@wallet-platform/service-kit';
import { readBoundedBody } from '../http/bounded-raw-body';
import { startOperatorApiRequest, type OperatorApiResult } from './operator-api.metrics';
import type { OperatorApiCall, OperatorApiService } from './operator-api.service';

/** What the listener needs of OperatorApiService: the decision of every answer. */
export type OperatorApiCommands = Pick<OperatorApiService, 'handle' | 'refuseUnreadBody'>;

/** The route template of the Operator API's commands (the metrics' and the span's `route`). */
export const OPERATOR_API_COMMAND_ROUTE = '/operator-api/v2/:platformId/:command';

/**
 * `POST /operator-api/v2/<platform id>/<command>`, matched as Express matched it: case-insensitive,
 * an optional trailing slash, the query ignored. Anything else is not ours and goes on to Express.
 */
const COMMAND_PATH = /^\/operator-api\/v2\/([^/?#]+)\/([^/?#]+)\/?(?:\?.*)?$/i;

/**
 * The Operator API's commands served on Node's own HTTP server, in front of Express: the hot path
 * of every platform call costs about 0.13 ms of CPU less per request than through NestJS on
 * Express (docs/benchmarks.md, "The HTTP layer"). Everything else of the gateway (ping, health,
 * metrics, Choice Gaming) stays on NestJS. The request gets what every request of ours gets
 * (metrics, a span, a request id: service-kit's http-request-instrumentation), its body is read
 * raw and bounded (bounded-raw-body.ts), and OperatorApiService decides the answer.
 */
export function serveOperatorApiInFrontOfExpress(server: Server, operatorApi: OperatorApiCommands, logger: JsonLogger): void {
  const express = server.listeners('request') as RequestListener[];
  if (express.length !== 1) throw new Error(`expected Express as the server's one request listener, found ${express.length}`);
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const match = request.method === 'POST' ? COMMAND_PATH.exec(request.url ?? '') : null;
    const params = match ? decodePathParameters(match[1], match[2]) : null;
    if (!params) {
      express[0](request, response);
      return;
    }
    instrumentHttpRequest(request, response, OPERATOR_API_COMMAND_ROUTE, () => {
      answerCommand(request, response, params.platformId, params.command, operatorApi, logger).catch((error: unknown) => {
        // OperatorApiService answers every failure in protocol; reaching here is a bug, logged and answered 500.
        logger.event('error', 'OperatorApi', 'unanswered command', { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
        response.end();
      });
    });
  });
}

async function answerCommand(
  request: IncomingMessage,
  response: ServerResponse,
  platformId: string,
  command: string,
  operatorApi: OperatorApiCommands,
  logger: JsonLogger,
): Promise<void> {
  const startedAtMs = Date.now();
  const metered = startOperatorApiRequest(command);
  // One line per answer, in the request's trace (its trace id joins it to the wallet's lines).
  const answered = (result: OperatorApiResult) => {
    metered(result);
    logger.event('debug', 'OperatorApi', 'answered', { platformId, command, result, durationMs: Date.now() - startedAtMs });
  };
  const body = await readBoundedBody(request, response, REQUEST_BODY_BYTES_MAX);
  const call: OperatorApiCall = {
    platformId,
    pathCommand: command,
    operatorIdHeader: headerOf(request, 'x-operator-id'),
    authorizationHeader: headerOf(request, 'x-authorization'),
    peerAddress: request.socket.remoteAddress,
    forwardedForHeader: headerOf(request, 'x-forwarded-for'),
    rawBody: 'read' in body ? body.read : Buffer.alloc(0),
  };
  const answer = 'read' in body ? await operatorApi.handle(call) : operatorApi.refuseUnreadBody(call, body.unread);
  if (answer.httpStatus === 403) {
    send(response, 403, 'text/plain; charset=utf-8', 'Access denied');
    answered('ACCESS_DENIED');
    return;
  }
  send(response, 200, 'application/json; charset=utf-8', answer.body);
  answered(answer.result);
}

function send(response: ServerResponse, status: number, contentType: string, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  response.writeHead(status, { 'content-type': contentType, 'content-length': bytes.length });
  response.end(bytes);
}

/** A header as Express's `request.header()` gave it: the first value of a repeated header. */
function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Path parameters decoded as Express decodes them; a malformed escape goes on to Express (its 400). */
function decodePathParameters(platformId: string, command: string): { platformId: string; command: string } | null {
  try {
    return { platformId: decodeURIComponent(platformId), command: decodeURIComponent(command) };
  } catch {
    return null;
  }
}
