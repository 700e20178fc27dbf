import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What travels with one unit of work (an HTTP request, a Kafka message) through async calls. */
export interface RequestContext {
  readonly requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Request ids we accept from outside: bounded, printable, no log-injection characters. */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;

export function runWithRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Keeps a caller's request id if it is well-formed, otherwise makes a new one. */
export function requestIdFrom(candidate: string | undefined | null): string {
  return candidate && REQUEST_ID_PATTERN.test(candidate) ? candidate : randomUUID();
}
