import { createHash } from 'node:crypto';
import { USERNAME_DIGEST_LENGTH, USERNAME_LENGTH_MAX, USERNAME_LENGTH_MIN, USERNAME_PREFIX_LENGTH_MAX } from './aggregator-client-limits';
import { AggregatorArgumentError } from './aggregator-errors';

/** Spec: 4-30 characters, lowercase letters and digits only. */
export const USERNAME_PATTERN = new RegExp(`^[a-z0-9]{${USERNAME_LENGTH_MIN},${USERNAME_LENGTH_MAX}}$`);
const PREFIX_PATTERN = new RegExp(`^[a-z][a-z0-9]{0,${USERNAME_PREFIX_LENGTH_MAX - 1}}$`);

export function isAggregatorUsername(text: string): boolean {
  return USERNAME_PATTERN.test(text);
}

/**
 * The aggregator username of one casino player: the aggregator's configured prefix, then the first
 * USERNAME_DIGEST_LENGTH base-36 digits of SHA-256("<operatorId>:<playerId>") (the digest read
 * as a big-endian number, left-padded with zeros). So:
 * - deterministic: the same player always gets the same name, with no table to keep, and a
 *   createPlayer whose answer was lost is simply tried again under the same name;
 * - within the rule (prefix ≤ 6 + 24 = 30 characters, lowercase alphanumeric) whatever our ids contain;
 * - it reveals neither the player id nor the operator: the aggregator sees an opaque name;
 * - 24 base-36 digits are about 124 bits: two players colliding is not a practical event, and a
 *   name taken by someone else is caught (createPlayer says unavailable, getPlayerStatus finds no
 *   player of ours) rather than assumed ours.
 */
export function aggregatorUsernameFor(prefix: string, operatorId: string, playerId: string): string {
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new AggregatorArgumentError('usernamePrefix', `expected a lowercase letter then up to ${USERNAME_PREFIX_LENGTH_MAX - 1} lowercase letters or digits`);
  }
  if (operatorId.length === 0 || playerId.length === 0 || operatorId.includes(':')) {
    throw new AggregatorArgumentError('player', 'operatorId (without ":") and playerId must not be empty');
  }
  const digest = createHash('sha256').update(`${operatorId}:${playerId}`, 'utf8').digest('hex');
  const base36 = BigInt(`0x${digest}`).toString(36).padStart(50, '0');
  const username = `${prefix}${base36.slice(0, USERNAME_DIGEST_LENGTH)}`;
  if (!isAggregatorUsername(username)) {
    throw new Error(`invariant: derived username ${username} breaks the aggregator's rule`);
  }
  return username;
}
