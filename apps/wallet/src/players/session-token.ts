import { randomBytes } from 'node:crypto';

/**
 * Session tokens: what a platform sends back on every call to name a game session. Shared by the
 * seed (a launch) and session regeneration (a lobby switch), so both issue the same kind of token.
 */
export const SESSION_TOKEN_LENGTH = 32;
const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** The largest multiple of the alphabet's size that fits in a byte (4 * 62). */
const UNBIASED_BYTE_LIMIT = 248;

/** 32 characters of [A-Za-z0-9] from the cryptographic random source (~190 bits). */
export function newSessionToken(): string {
  let token = '';
  while (token.length < SESSION_TOKEN_LENGTH) {
    for (const byte of randomBytes(SESSION_TOKEN_LENGTH)) {
      // Rejection sampling keeps every character equally likely.
      if (byte < UNBIASED_BYTE_LIMIT && token.length < SESSION_TOKEN_LENGTH) token += TOKEN_ALPHABET[byte % TOKEN_ALPHABET.length];
    }
  }
  return token;
}
