/**
 * Kafka header names used on every platform message. Values are UTF-8 strings. Next to these, a
 * command and its reply carry W3C trace context (`traceparent`, `tracestate`), written and read
 * by OpenTelemetry's propagator (libs/messaging/src/trace-headers.ts), never by hand.
 */
export const MessageHeaders = {
  /** The request id of the HTTP request or job that caused the message; travels across services. */
  requestId: 'x-request-id',
  /** Correlates a reply with its request. Unique per request. */
  correlationId: 'x-correlation-id',
  /** Physical topic the reply goes to. */
  replyTopic: 'x-reply-topic',
  /** Partition of the reply topic leased by the requesting instance (decimal string). */
  replyPartition: 'x-reply-partition',
  /** Epoch milliseconds after which the requester no longer waits; the handler skips late work. */
  deadlineAtMs: 'x-deadline-at-ms',
  /** The message type (the pattern that selects the handler). */
  messageType: 'x-message-type',
} as const;
