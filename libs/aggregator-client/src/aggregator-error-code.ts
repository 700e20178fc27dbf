/**
 * The aggregator's error codes (the `error.code` of an `ok: false` answer), in one table.
 * The document lists the first eight; PLAYER_NOT_FOUND appears only in its examples. A code the
 * table does not know is kept as it came, as `Unlisted`, so a new code is never mistaken for another.
 */
export const AggregatorErrorCode = {
  IpNotAllowed: 'IP_NOT_ALLOWED',
  AgentNotFound: 'AGENT_NOT_FOUND',
  AgentNotActive: 'AGENT_NOT_ACTIVE',
  AgentProviderNotFound: 'AGENT_PROVIDER_NOT_FOUND',
  AgentNotUnder: 'AGENT_NOT_UNDER',
  AgentInvalidType: 'AGENT_INVALID_TYPE',
  PlayerUsernameUnavailable: 'PLAYER_USERNAME_UNAVAILABLE',
  PlayerInactive: 'PLAYER_INACTIVE',
  PlayerNotFound: 'PLAYER_NOT_FOUND',
  /** Any other code, or an `ok: false` answer without one. */
  Unlisted: 'UNLISTED',
} as const;
export type AggregatorErrorCode = (typeof AggregatorErrorCode)[keyof typeof AggregatorErrorCode];

/** Who must act on a refusal: our configuration (key, IP, agent), or the request (player, game). */
export type AggregatorRefusalScope = 'configuration' | 'player' | 'unknown';

export interface AggregatorErrorCodeEntry {
  readonly scope: AggregatorRefusalScope;
  /** Ours, for logs and the back office (never the vendor's text). */
  readonly meaning: string;
}

export function aggregatorErrorCodeEntry(code: AggregatorErrorCode): AggregatorErrorCodeEntry {
  switch (code) {
    case AggregatorErrorCode.IpNotAllowed:
      return { scope: 'configuration', meaning: 'our egress address is not on the aggregator allow-list' };
    case AggregatorErrorCode.AgentNotFound:
      return { scope: 'configuration', meaning: 'the API key names no agent' };
    case AggregatorErrorCode.AgentNotActive:
      return { scope: 'configuration', meaning: 'our agent is switched off at the aggregator' };
    case AggregatorErrorCode.AgentProviderNotFound:
      return { scope: 'configuration', meaning: 'the game provider is not configured for our agent' };
    case AggregatorErrorCode.AgentNotUnder:
      return { scope: 'configuration', meaning: 'the player or resource belongs to another agent' };
    case AggregatorErrorCode.AgentInvalidType:
      return { scope: 'configuration', meaning: 'our agent is not of the type this call needs (transfer wallet)' };
    case AggregatorErrorCode.PlayerUsernameUnavailable:
      return { scope: 'player', meaning: 'the username is already taken' };
    case AggregatorErrorCode.PlayerInactive:
      return { scope: 'player', meaning: 'the player is deactivated at the aggregator' };
    case AggregatorErrorCode.PlayerNotFound:
      return { scope: 'player', meaning: 'no such player at the aggregator' };
    case AggregatorErrorCode.Unlisted:
      return { scope: 'unknown', meaning: 'a code our table does not list' };
  }
}

const KNOWN_CODES: ReadonlyMap<string, AggregatorErrorCode> = new Map(
  Object.values(AggregatorErrorCode)
    .filter((code) => code !== AggregatorErrorCode.Unlisted)
    .map((code) => [code, code]),
);

export function aggregatorErrorCodeOf(text: string | undefined): AggregatorErrorCode {
  return (text === undefined ? undefined : KNOWN_CODES.get(text)) ?? AggregatorErrorCode.Unlisted;
}
