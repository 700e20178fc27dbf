import type { NextFunction, Request, Response } from 'express';
import { counter, histogram } from './metrics-registry';

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

/** Requests that matched no route share one label value: the raw path would be unbounded. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Counts and times every HTTP request. The route label is the matched route's template
 * (`/operator-api/v2/:platformId/:command`), never the path itself: paths carry ids.
 */
export function httpMetricsMiddleware(request: Request, response: Response, next: NextFunction): void {
  const stopTimer = httpRequestDuration.startTimer();
  response.once('finish', () => {
    const routePath: unknown = (request as Request & { route?: { path?: unknown } }).route?.path;
    const route = typeof routePath === 'string' ? `${request.baseUrl}${routePath}` : UNMATCHED_ROUTE;
    const method = request.method;
    httpRequests.inc({ method, route, status_code: String(response.statusCode) });
    stopTimer({ method, route });
  });
  next();
}
