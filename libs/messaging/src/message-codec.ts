import type { IHeaders } from 'kafkajs';

/** Largest message value we produce or accept on our own topics. */
export const MESSAGE_BYTES_MAX = 256 * 1024;

/**
 * Our own messages carry money and ids as strings (see libs/contracts), so plain JSON is lossless
 * here. Platform bodies never come through this codec: the gateway parses them losslessly.
 */
export function encodeMessage(value: unknown): Buffer {
  const encoded = Buffer.from(JSON.stringify(value), 'utf8');
  if (encoded.length > MESSAGE_BYTES_MAX) throw new RangeError(`message of ${encoded.length} bytes exceeds ${MESSAGE_BYTES_MAX}`);
  return encoded;
}

export function decodeMessage<T>(value: Buffer | null): T {
  if (value === null) throw new Error('message has no value');
  if (value.length > MESSAGE_BYTES_MAX) throw new RangeError(`message of ${value.length} bytes exceeds ${MESSAGE_BYTES_MAX}`);
  return JSON.parse(value.toString('utf8')) as T;
}

export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.length > 0 ? String(value[0]) : undefined;
  return Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
}
