import { createHash } from 'node:crypto';
import { hexDigestsEqual } from '@wallet-platform/protocol-kit';
import type { OperatorCommandName } from './operator-commands';

/**
 * The Operator API authenticates with plain sha1 over concatenated strings and a shared secret
 * (not an HMAC): we must compute exactly what the platform computes.
 */
function sha1Hex(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

/** The X-Authorization header the platform sends on every gameplay call: sha1(command + secret). */
export function authorizationHeaderFor(command: OperatorCommandName, secretKey: string): string {
  return sha1Hex(command + secretKey);
}

/** The body's `hash`: sha1(command + request_timestamp + secret), timestamp exactly as received. */
export function requestHashFor(command: OperatorCommandName, requestTimestamp: string, secretKey: string): string {
  return sha1Hex(command + requestTimestamp + secretKey);
}

export type OperatorResponseStatus = 'OK' | 'ERROR';

/** The response's `hash`: sha1(status + response_timestamp + secret). */
export function responseHashFor(status: OperatorResponseStatus, responseTimestamp: string, secretKey: string): string {
  return sha1Hex(status + responseTimestamp + secretKey);
}

/** The APIs we call on the platform, each authenticated with sha1(name + operatorId + secret). */
export const OutboundApiName = {
  Games: 'games',
  Lobbies: 'lobbies',
  BusinessReport: 'businessReport',
  BalanceLimits: 'balanceLimits',
  HandHistory: 'handHistory',
} as const;
export type OutboundApiName = (typeof OutboundApiName)[keyof typeof OutboundApiName];

/** The X-Authorization header for our calls to the platform's catalog and report APIs. */
export function outboundAuthorizationHeaderFor(apiName: OutboundApiName, operatorId: string, secretKey: string): string {
  return sha1Hex(apiName + operatorId + secretKey);
}

/**
 * Compares a received digest with the expected one without leaking, through timing, how many
 * leading characters matched. Hex is case-insensitive (PHP prints lowercase, but nothing forbids
 * capitals), so both sides are lowercased first. Different lengths answer false at once: the
 * length of a sha1 digest is public, so that early exit reveals nothing secret.
 */
export const digestsEqual = hexDigestsEqual;

/** X-Authorization check for a gameplay call; a missing header is simply not valid. */
export function isAuthorizationHeaderValid(header: string | undefined, command: OperatorCommandName, secretKey: string): boolean {
  return header !== undefined && digestsEqual(header, authorizationHeaderFor(command, secretKey));
}
