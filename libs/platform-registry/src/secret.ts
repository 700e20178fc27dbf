import { inspect } from 'node:util';

const REDACTED = '[redacted]';

/**
 * A secret value (a platform's shared key, a provider's private key) that cannot be logged or
 * serialised by accident: `JSON.stringify`, string conversion, template literals and
 * `util.inspect` (console.log, pino's serialisers, Nest's logger) all print `[redacted]`. The value
 * is read with `reveal()` only where it is used: signing a request, checking a hash.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The value itself: call it only at the point of use (a hash, a signature), never to log. */
  reveal(): string {
    return this.#value;
  }

  get length(): number {
    return this.#value.length;
  }

  toJSON(): string {
    return REDACTED;
  }

  toString(): string {
    return REDACTED;
  }

  [Symbol.toPrimitive](): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return `Secret(${REDACTED})`;
  }
}
