import { readFileSync } from 'node:fs';
import { AMOUNT_SCALE, Money, currencyCodeOf, isCurrencyCode } from '@wallet-platform/money';

/**
 * The test accounts an operator hands a platform for certification, as a JSON file. Field names
 * follow the seed command's output (snake_case), so its lines can be pasted in as they are.
 */
export interface TestPlayer {
  readonly user_id: string;
  readonly token: string;
  readonly currency: string;
  /** The game the token was issued for. */
  readonly game_id: string;
  /** The balance when the fixture was made; scenarios read the live balance, never trust this. */
  readonly balance: string;
}

export interface CertificationFixtures {
  /** Funded well above the scenarios' stakes (they move a few units at most). */
  readonly funded: TestPlayer;
  /** Another funded player: its token must not work for `funded`. */
  readonly second: TestPlayer;
  readonly blocked: TestPlayer;
  /** A funded player whose daily wager limit is `daily_wager_limit`, with nothing wagered yet today. */
  readonly wager_limited: TestPlayer & { readonly daily_wager_limit: string };
  /** A funded player with a session on a game the operator has disabled (`game_id`). */
  readonly disabled_game: TestPlayer;
  /** Optional: players for `load`. */
  readonly players?: readonly TestPlayer[];
}

/** A fixtures file is a few KiB per thousand players; this bounds what we read into memory. */
export const FIXTURES_FILE_BYTES_MAX = 16 * 1024 * 1024;
export const FIXTURE_PLAYERS_MAX = 10_000;
const TOKEN_PATTERN = /^[A-Za-z0-9]{20,50}$/;
const USER_ID_LENGTH_MAX = 70;
const GAME_ID_PATTERN = /^(0|[1-9][0-9]{0,5})$/;
/** Only the literal's shape is checked here; the currency does not change it. */
const ANY_CURRENCY = currencyCodeOf('EUR');
const FIXTURE_ROLES = ['funded', 'second', 'blocked', 'wager_limited', 'disabled_game'] as const;

export function readFixturesFile(path: string): CertificationFixtures {
  return parseFixtures(readBoundedJsonFile(path, FIXTURES_FILE_BYTES_MAX), path);
}

export function readPlayersFile(path: string): TestPlayer[] {
  const parsed = readBoundedJsonFile(path, FIXTURES_FILE_BYTES_MAX);
  // Either a plain array of players, or a fixtures file with a `players` array.
  const list = Array.isArray(parsed) ? parsed : isRecord(parsed) ? parsed['players'] : undefined;
  if (!Array.isArray(list)) throw new Error(`${path}: expected an array of players or an object with "players"`);
  return parsePlayerList(list, `${path}: players`);
}

export function parseFixtures(value: unknown, source: string): CertificationFixtures {
  if (!isRecord(value)) throw new Error(`${source}: not a JSON object`);
  const problems: string[] = [];
  for (const role of FIXTURE_ROLES) problems.push(...playerProblems(value[role], role));
  const limited = value['wager_limited'];
  if (isRecord(limited) && !isAmount(limited['daily_wager_limit'])) problems.push('wager_limited.daily_wager_limit: a DECIMAL(18,2) string such as "50.00"');
  if (problems.length > 0) throw new Error(`${source}: bad fixtures:\n  ${problems.join('\n  ')}`);
  const players = value['players'] === undefined ? undefined : parsePlayerList(value['players'], `${source}: players`);
  return { ...(value as unknown as CertificationFixtures), players };
}

function parsePlayerList(list: unknown, source: string): TestPlayer[] {
  if (!Array.isArray(list)) throw new Error(`${source}: not an array`);
  if (list.length > FIXTURE_PLAYERS_MAX) throw new Error(`${source}: ${list.length} players, at most ${FIXTURE_PLAYERS_MAX}`);
  const problems = list.flatMap((player, index) => playerProblems(player, `[${index}]`));
  if (problems.length > 0) throw new Error(`${source}: bad players:\n  ${problems.slice(0, 10).join('\n  ')}`);
  return list as TestPlayer[];
}

function playerProblems(value: unknown, role: string): string[] {
  if (!isRecord(value)) return [`${role}: missing (an object with user_id, token, currency, game_id, balance)`];
  const problems: string[] = [];
  const userId = value['user_id'];
  if (typeof userId !== 'string' || userId.length === 0 || userId.length > USER_ID_LENGTH_MAX) problems.push(`${role}.user_id: 1-${USER_ID_LENGTH_MAX} characters`);
  if (typeof value['token'] !== 'string' || !TOKEN_PATTERN.test(value['token'])) problems.push(`${role}.token: 20-50 of [A-Za-z0-9]`);
  if (typeof value['currency'] !== 'string' || !isCurrencyCode(value['currency'])) problems.push(`${role}.currency: 3-4 of [A-Z0-9]`);
  if (typeof value['game_id'] !== 'string' || !GAME_ID_PATTERN.test(value['game_id'])) problems.push(`${role}.game_id: a string of 1-6 digits`);
  if (!isAmount(value['balance'])) problems.push(`${role}.balance: a DECIMAL(18,2) string`);
  return problems;
}

function isAmount(value: unknown): boolean {
  return typeof value === 'string' && Money.parse(value, AMOUNT_SCALE, ANY_CURRENCY).ok;
}

function readBoundedJsonFile(path: string, bytesMax: number): unknown {
  const text = readFileSync(path, 'utf8');
  if (text.length > bytesMax) throw new Error(`${path}: larger than ${bytesMax} bytes`);
  return JSON.parse(text) as unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
