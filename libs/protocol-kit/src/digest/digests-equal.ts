import { timingSafeEqual } from 'node:crypto';

/**
 * Whether two hex digests are the same, in time that depends only on their length (never on where
 * they first differ), case-insensitively. The one comparison of signatures, hashes and API-key
 * digests: a `===` would tell a caller, by its timing, how many leading characters it guessed.
 * Digests of different lengths are unequal (their lengths are public: fixed by the algorithm).
 */
export function hexDigestsEqual(receivedHex: string, expectedHex: string): boolean {
  const received = Buffer.from(receivedHex.toLowerCase(), 'utf8');
  const expected = Buffer.from(expectedHex.toLowerCase(), 'utf8');
  return bytesEqual(received, expected);
}

/** Two binary digests, the same way (constant time for equal lengths). */
export function bytesEqual(received: Uint8Array, expected: Uint8Array): boolean {
  if (received.length !== expected.length) return false;
  return timingSafeEqual(received, expected);
}
