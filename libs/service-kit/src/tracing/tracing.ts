import { context, propagation, trace, type Context, type Span, type SpanOptions, type TextMapGetter } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOffSampler, BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, TracerProvider } from '@opentelemetry/sdk-trace';

/** Where finished spans go: nowhere (ids are still made and carried), or an OTLP/HTTP collector. */
export type TracesExporter = 'none' | 'otlp';

export interface TracingSettings {
  readonly serviceName: string;
  readonly instanceId: string;
  readonly exporter: TracesExporter;
  /** Share of new traces recorded and exported (0..1) when exporting; a caller's sampled flag is followed. */
  readonly sampleRatio: number;
}

/** The instrumentation scope of our own spans (no automatic instrumentation is loaded). */
const TRACER_NAME = 'wallet-platform';

let provider: TracerProvider | null = null;

/**
 * Installs OpenTelemetry for this process, once: W3C trace context (`traceparent`, `tracestate`)
 * as the propagator, AsyncLocalStorage as the context manager, and a tracer provider.
 *
 * With the exporter off (the default) every span is non-recording: its trace and span ids are made
 * and travel in HTTP and Kafka headers and onto the log lines, and nothing else is kept. With
 * `otlp`, spans are batched to the collector named by the standard `OTEL_EXPORTER_OTLP_ENDPOINT` or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` variables.
 */
export function startTracing(settings: TracingSettings): void {
  if (provider) return;
  const exporting = settings.exporter === 'otlp';
  provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.serviceName, 'service.instance.id': settings.instanceId }),
    sampler: exporting ? new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(settings.sampleRatio) }) : new AlwaysOffSampler(),
    spanProcessors: exporting ? [new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })] : [],
  });
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
}

/** Sends the spans still buffered (at shutdown); a no-op when nothing is exported. */
export async function stopTracing(): Promise<void> {
  await provider?.shutdown();
}

export function tracer() {
  return trace.getTracer(TRACER_NAME);
}

/** The trace and span of the active context, for log lines; undefined outside any span. */
export function currentTraceIds(active: Context = context.active()): { traceId: string; spanId: string } | undefined {
  const spanContext = trace.getSpanContext(active);
  if (!spanContext || !trace.isSpanContextValid(spanContext)) return undefined;
  return { traceId: spanContext.traceId, spanId: spanContext.spanId };
}

/** A header map as Kafka and Node give it: values as text, buffers, or lists of them. */
export type HeaderCarrier = Record<string, string | Buffer | ReadonlyArray<string | Buffer> | undefined>;

const headerGetter: TextMapGetter<HeaderCarrier> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    if (value === undefined) return undefined;
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined ? undefined : first.toString();
  },
};

/**
 * The context a caller's headers carry (a well-formed `traceparent`), as the parent of our spans;
 * a missing or malformed one gives the root context, so a new trace starts here.
 */
export function contextFromHeaders(headers: HeaderCarrier | undefined, parent: Context = context.active()): Context {
  return headers ? propagation.extract(parent, headers, headerGetter) : parent;
}

/** Starts a span as a child of `parent` and returns it with the context that has it active. */
export function startSpan(name: string, options: SpanOptions, parent: Context = context.active()): { span: Span; context: Context } {
  const span = tracer().startSpan(name, options, parent);
  return { span, context: trace.setSpan(parent, span) };
}

/** Runs `work` with `active` as the current context (log lines inside carry its trace id). */
export function withContext<T>(active: Context, work: () => T): T {
  return context.with(active, work);
}
