/**
 * Builds request bodies as JSON text. Ids (20 digits) and amounts ("0.10") are written as number
 * literals exactly as given: JSON.stringify of a JS number would round a 20-digit id and print 0.1
 * for 0.10, and the protocol sends both as JSON numbers.
 */
export type JsonFragment = string & { readonly __brand: 'JsonFragment' };

const NUMBER_LITERAL_PATTERN = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;
/** Longest number literal written: a DECIMAL(18,4) with sign and point, or a 20-digit id. */
export const NUMBER_LITERAL_LENGTH_MAX = 24;

export function jsonString(text: string): JsonFragment {
  return JSON.stringify(text) as JsonFragment;
}

export function jsonNumber(literal: string): JsonFragment {
  if (literal.length > NUMBER_LITERAL_LENGTH_MAX || !NUMBER_LITERAL_PATTERN.test(literal)) {
    throw new RangeError(`not a plain JSON number literal: ${JSON.stringify(literal.slice(0, NUMBER_LITERAL_LENGTH_MAX + 1))}`);
  }
  return literal as JsonFragment;
}

export function jsonBoolean(value: boolean): JsonFragment {
  return String(value) as JsonFragment;
}

export const JSON_NULL = 'null' as JsonFragment;

/** An object from already-encoded members, in the given order. */
export function jsonObject(members: ReadonlyArray<readonly [string, JsonFragment]>): JsonFragment {
  return `{${members.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}` as JsonFragment;
}
