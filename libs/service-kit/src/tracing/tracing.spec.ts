import { ROOT_CONTEXT, SpanKind } from '@opentelemetry/api';
import { JsonLogger } from '../logging/json-logger';
import { contextFromHeaders, currentTraceIds, startSpan, startTracing, withContext } from './tracing';

describe('tracing', () => {
  beforeAll(() => startTracing({ serviceName: 'spec', instanceId: 'spec-1', exporter: 'none', sampleRatio: 1 }));

  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const callerSpanId = '00f067aa0ba902b7';

  it("continues a caller's well-formed traceparent with a span of our own", () => {
    const parent = contextFromHeaders({ traceparent: `00-${traceId}-${callerSpanId}-01` }, ROOT_CONTEXT);
    const { span, context } = startSpan('GET', { kind: SpanKind.SERVER }, parent);
    expect(span.spanContext().traceId).toBe(traceId);
    expect(span.spanContext().spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(span.spanContext().spanId).not.toBe(callerSpanId);
    expect(currentTraceIds(context)).toEqual({ traceId, spanId: span.spanContext().spanId });
  });

  it.each([
    ['a malformed one', `00-${'z'.repeat(32)}-${callerSpanId}-01`],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${callerSpanId}-01`],
    ['two of them, as Node joins a repeated header', `00-${traceId}-${callerSpanId}-01, 00-${traceId}-${callerSpanId}-01`],
  ])('starts a new trace for %s', (_case, traceparent) => {
    const { span } = startSpan('GET', {}, contextFromHeaders({ traceparent }, ROOT_CONTEXT));
    expect(span.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(span.spanContext().traceId).not.toBe(traceId);
    expect(span.spanContext().traceId).not.toBe('0'.repeat(32));
  });

  it('puts the active trace and span ids on every log line, and none outside a span', () => {
    const lines: string[] = [];
    const logger = new JsonLogger('spec', 'debug', (line) => lines.push(line));
    const { span, context } = startSpan('work', {}, contextFromHeaders({ traceparent: `00-${traceId}-${callerSpanId}-01` }, ROOT_CONTEXT));
    withContext(context, () => logger.event('info', 'Spec', 'inside'));
    logger.event('info', 'Spec', 'outside');
    withContext(context, () => logger.event('info', 'Spec', 'about another command', { traceId: 'f'.repeat(32) }));
    const [inside, outside, named] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(inside).toMatchObject({ msg: 'inside', traceId, spanId: span.spanContext().spanId });
    expect(outside['traceId']).toBeUndefined();
    expect(named['traceId']).toBe('f'.repeat(32));
  });
});
