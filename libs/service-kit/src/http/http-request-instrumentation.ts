import type { IncomingMessage, ServerResponse } from 'node:http';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { requestIdFrom, runWithRequestContext } from '../logging/request-context';
import { counter, histogram } from '../metrics/metrics-registry';
import { contextFromHeaders, startSpan, withContext, type HeaderCarrier } from '../tracing/tracing';

/**
 * What every HTTP request of ours gets, whichever server answers it (Express behind NestJS, or a
 * plain Node listener on a hot path): a count and a duration by route template, a server span in
 * the caller's trace (`traceresponse` names it), and a request id (`x-request-id`) that log lines
 * carry. The Express middlewares and the gateway's Operator API listener both use these.
 */

export const REQUEST_ID_HTTP_HEADER = 'x-request-id';

/** Response header that tells the caller the trace its request was given (W3C Trace Context level 2). */
export const TRACE_RESPONSE_HTTP_HEADER = 'traceresponse';

/** Requests that matched no route share one label value: the raw path would be unbounded. */
export const UNMATCHED_ROUTE = 'unmatched';

const httpRequests = counter({
  name: 'http_server_requests_total',
  help: 'HTTP requests answered, by method, route template and status code.',
  labelNames: ['method', 'route', 'status_code'],
});
const httpRequestDuration = histogram({
  name: 'http_server_request_duration_seconds',
  help: 'Time from the request to the end of its answer, by method and route template.',
  labelNames: ['method', 'route'],
});

/**
 * Counts and times the request when its answer is finished. `routeOf` gives the matched route's
 * template (`/operator-api/v2/:platformId/:command`), never the path itself: paths carry ids.
 */
export function meterHttpRequest(request: IncomingMessage, response: ServerResponse, routeOf: () => string): void {
  const stopTimer = httpRequestDuration.startTimer();
  response.once('finish', () => {
    const method = request.method ?? 'UNKNOWN';
    const route = routeOf();
    httpRequests.inc({ method, route, status_code: String(response.statusCode) });
    stopTimer({ method, route });
  });
}

/**
 * Runs `next` inside a server span: a child of the caller's `traceparent` when it is well-formed,
 * the root of a new trace otherwise (only the caller's context counts, never whatever was active
 * when the socket was read). The span ends when the connection's answer is done.
 */
export function traceHttpRequest(request: IncomingMessage, response: ServerResponse, routeOf: () => string, next: () => void): void {
  const method = request.method ?? 'UNKNOWN';
  const parent = contextFromHeaders(request.headers as HeaderCarrier, ROOT_CONTEXT);
  const { span, context } = startSpan(method, { kind: SpanKind.SERVER, attributes: { 'http.request.method': method } }, parent);
  const { traceId, spanId, traceFlags } = span.spanContext();
  response.setHeader(TRACE_RESPONSE_HTTP_HEADER, `00-${traceId}-${spanId}-0${traceFlags & 1}`);
  response.once('close', () => {
    const route = routeOf();
    span.updateName(`${method} ${route}`);
    span.setAttributes({ 'http.route': route, 'http.response.status_code': response.statusCode });
    if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  withContext(context, next);
}

/** Runs `next` with the request's id (the caller's if well-formed), echoed in the response. */
export function identifyHttpRequest(request: IncomingMessage, response: ServerResponse, next: () => void): void {
  const header = request.headers[REQUEST_ID_HTTP_HEADER];
  const requestId = requestIdFrom(Array.isArray(header) ? header[0] : header);
  response.setHeader(REQUEST_ID_HTTP_HEADER, requestId);
  runWithRequestContext({ requestId }, next);
}

/** All three, for a handler outside Express whose route is known before it runs. */
export function instrumentHttpRequest(request: IncomingMessage, response: ServerResponse, route: string, handler: () => void): void {
  const routeOf = () => route;
  meterHttpRequest(request, response, routeOf);
  traceHttpRequest(request, response, routeOf, () => identifyHttpRequest(request, response, handler));
}
