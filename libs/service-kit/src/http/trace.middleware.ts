import { ROOT_CONTEXT, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import { UNMATCHED_ROUTE } from '../metrics/http-metrics.middleware';
import { contextFromHeaders, startSpan, withContext, type HeaderCarrier } from '../tracing/tracing';

/** Response header that tells the caller the trace its request was given (W3C Trace Context level 2). */
export const TRACE_RESPONSE_HTTP_HEADER = 'traceresponse';

/**
 * Every HTTP request runs inside a server span: a child of the caller's `traceparent` when it is
 * well-formed, the root of a new trace otherwise. Log lines and Kafka messages made while handling
 * the request carry its trace id; the answer names it in `traceresponse`.
 */
export function traceMiddleware(request: Request, response: Response, next: NextFunction): void {
  // Only the caller's trace context counts, never whatever was active when the socket was read.
  const parent = contextFromHeaders(request.headers as HeaderCarrier, ROOT_CONTEXT);
  const { span, context } = startSpan(`${request.method}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method } }, parent);
  const { traceId, spanId, traceFlags } = span.spanContext();
  response.setHeader(TRACE_RESPONSE_HTTP_HEADER, `00-${traceId}-${spanId}-0${traceFlags & 1}`);
  response.once('close', () => {
    const routePath: unknown = (request as Request & { route?: { path?: unknown } }).route?.path;
    const route = typeof routePath === 'string' ? `${request.baseUrl}${routePath}` : UNMATCHED_ROUTE;
    span.updateName(`${request.method} ${route}`);
    span.setAttributes({ 'http.route': route, 'http.response.status_code': response.statusCode });
    if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  withContext(context, next);
}
