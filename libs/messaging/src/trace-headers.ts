import { propagation, ROOT_CONTEXT, trace, type Context, type SpanContext, type TextMapGetter, type TextMapSetter } from '@opentelemetry/api';
import type { IHeaders } from 'kafkajs';
import { headerText } from './message-codec';

/**
 * W3C trace context (`traceparent`, `tracestate`) in Kafka message headers, through the globally
 * installed propagator (service-kit's startTracing). Without one these read and write nothing.
 */
const kafkaHeaderGetter: TextMapGetter<IHeaders> = {
  keys: (headers) => Object.keys(headers),
  get: (headers, key) => headerText(headers, key),
};

const kafkaHeaderSetter: TextMapSetter<Record<string, string>> = {
  set: (headers, key, value) => {
    headers[key] = value;
  },
};

/** The trace context a message carries, as a parent; the root context when it carries none (or a malformed one). */
export function traceContextOfMessage(headers: IHeaders | undefined): Context {
  return headers ? propagation.extract(ROOT_CONTEXT, headers, kafkaHeaderGetter) : ROOT_CONTEXT;
}

/** Adds the trace context of `from` to the headers of an outgoing message. */
export function addTraceHeaders(headers: Record<string, string>, from: Context): Record<string, string> {
  propagation.inject(from, headers, kafkaHeaderSetter);
  return headers;
}

/** The trace id of a context's span, for a log line about it; undefined when it has none. */
export function traceIdOfContext(active: Context): string | undefined {
  const spanContext: SpanContext | undefined = trace.getSpanContext(active);
  return spanContext && trace.isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}

export const MESSAGING_TRACER = 'wallet-platform.messaging';
