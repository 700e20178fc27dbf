import type { JsonValue } from './platform-json';
import { GAMES_COUNT_MAX, LOBBIES_COUNT_MAX } from './platform-client-limits';
import { describe, expectArray, expectObject, fieldOf, readDate, readDetails, readDigitId, readFlag, readLabel, ResponseShapeError } from './response-fields';

/** One game of a platform's catalog, as the Games list API describes it. */
export interface PlatformGame {
  /** Decimal digits, kept as text end to end (the vendor calls it an integer; it may be large). */
  readonly id: string;
  readonly title: string;
  /** The vendor's platform label, e.g. "desktop". */
  readonly platform: string;
  /** The vendor's game type label, e.g. "slots". */
  readonly type: string;
  /** A disabled game must not be offered to players. */
  readonly enabled: boolean;
  /** Whether the game can be launched in fun/demo mode. */
  readonly funMode: boolean;
  /** Whether the game supports free-round campaigns. */
  readonly campaigns: boolean;
  readonly vendor: string;
  /** YYYY-MM-DD, or null when the platform does not say. */
  readonly createdAt: string | null;
  /** Vendor data (descriptions, thumbnails…), kept losslessly and opaque; null when absent. */
  readonly details: JsonValue;
}

/** A lobby (a vendor's own game selection screen), launched with lobby_id instead of game_id. */
export interface PlatformLobby {
  readonly lobbyId: string;
  readonly vendor: string;
  readonly details: JsonValue;
}

/**
 * `{"games":[…]}`. One bad entry fails the whole list, naming it: a catalog sync that silently
 * skipped it would read the game as removed, and whether a game is enabled is not something to guess.
 */
export function decodeGamesList(body: JsonValue): readonly PlatformGame[] {
  const games = expectArray(fieldOf(expectObject(body, '$'), 'games'), '$.games', GAMES_COUNT_MAX);
  const seenIds = new Set<string>();
  return games.map((entry, index) => {
    const path = `$.games[${index}]`;
    const game = expectObject(entry, path);
    const decoded: PlatformGame = {
      id: readDigitId(game, 'id', path),
      title: readLabel(game, 'title', path),
      platform: readLabel(game, 'platform', path),
      type: readLabel(game, 'type', path),
      enabled: readFlag(game, 'enabled', path),
      // Not every entry carries the capability flags (the vendor's own example omits
      // `campaigns`); absent means unsupported, the answer that never offers a player something
      // the game cannot do.
      funMode: readFlag(game, 'fun_mode', path, false),
      campaigns: readFlag(game, 'campaigns', path, false),
      vendor: readLabel(game, 'vendor', path),
      createdAt: readDate(game, 'created_at', path, true),
      details: readDetails(game, 'details', path),
    };
    // Two entries with one id would make "which one is enabled" depend on the order we read them.
    if (seenIds.has(decoded.id)) {
      throw new ResponseShapeError(`${path}.id`, `duplicate game id ${decoded.id}`);
    }
    seenIds.add(decoded.id);
    return decoded;
  });
}

/** `{"lobbies":[…]}`, with the same all-or-nothing rule as games. */
export function decodeLobbiesList(body: JsonValue): readonly PlatformLobby[] {
  const lobbies = expectArray(fieldOf(expectObject(body, '$'), 'lobbies'), '$.lobbies', LOBBIES_COUNT_MAX);
  const seenIds = new Set<string>();
  return lobbies.map((entry, index) => {
    const path = `$.lobbies[${index}]`;
    const lobby = expectObject(entry, path);
    const decoded: PlatformLobby = {
      lobbyId: readLabel(lobby, 'lobby_id', path),
      vendor: readLabel(lobby, 'vendor', path),
      details: readDetails(lobby, 'details', path),
    };
    if (seenIds.has(decoded.lobbyId)) {
      throw new ResponseShapeError(`${path}.lobby_id`, `duplicate lobby id ${describe(decoded.lobbyId)}`);
    }
    seenIds.add(decoded.lobbyId);
    return decoded;
  });
}
