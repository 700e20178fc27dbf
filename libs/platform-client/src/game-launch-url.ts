import { isCurrencyCode } from '@wallet-platform/money';
import { baseUrlProblem } from './platform-api-config';
import {
  CLIENT_NAME_LENGTH_MAX,
  GROUP_LENGTH_MAX,
  LABEL_LENGTH_MAX,
  LANGUAGE_LENGTH_MAX,
  LAUNCH_GAME_ID_DIGITS_MAX,
  LAUNCH_URL_PARAMETER_LENGTH_MAX,
  OPERATOR_ID_LENGTH_MAX,
  TOKEN_LENGTH_MAX,
  TOKEN_LENGTH_MIN,
} from './platform-client-limits';

/**
 * Where players are sent to play, and who we are there. Both come from the platform
 * (GAME_LAUNCH_HOST and operator_id), so they are configuration, not per-launch input.
 */
export interface GameLaunchConfig {
  /** e.g. "https://launch.platform.example/"; https only (plain http to loopback, for tests). */
  readonly gameLaunchBaseUrl: string;
  readonly operatorId: string;
}

export const LaunchDevice = { Desktop: 'desktop', Mobile: 'mobile' } as const;
export type LaunchDevice = (typeof LaunchDevice)[keyof typeof LaunchDevice];

/** What every real-money launch (game or lobby) carries. */
export interface RealModeLaunchCommon {
  /** Our one-time session token for this player and game (20-50 [A-Za-z0-9]). */
  readonly token: string;
  /** The player's currency. */
  readonly currency: string;
  /** IETF language tag, e.g. "en" or "en-US". */
  readonly language: string;
  /** Which client the vendor should show. */
  readonly device: LaunchDevice;
  /** Where the game's "home" button takes the player (http/https, at most 500 characters). */
  readonly homeUrl?: string;
  /** Where the game's "deposit" button takes the player (http/https, at most 500 characters). */
  readonly depositUrl?: string;
  /** A player group with its own configuration on the platform (some vendors only). */
  readonly group?: string;
  /** A game customization name agreed with the platform (some vendors only). */
  readonly clientName?: string;
}

export interface RealModeGameLaunch extends RealModeLaunchCommon {
  readonly gameId: string;
}

export interface LobbyLaunch extends RealModeLaunchCommon {
  readonly lobbyId: string;
}

/**
 * Fun/demo mode never reaches our wallet, so there is no token; the vendor's parameter table
 * lists no deposit_url, group or clientName for it either. `currency` appears in the vendor's URL
 * template but not in its table, so it is optional here.
 */
export interface FunModeGameLaunch {
  readonly gameId: string;
  readonly language: string;
  readonly device: LaunchDevice;
  readonly currency?: string;
  readonly homeUrl?: string;
}

/** A launch parameter we refuse; `parameter` is the name it has in the URL ("token", "home_url"…). */
export class GameLaunchParameterError extends RangeError {
  constructor(
    readonly parameter: string,
    problem: string,
  ) {
    super(`game launch parameter ${parameter}: ${problem}`);
    this.name = 'GameLaunchParameterError';
  }
}

/** A real-money game launch: `<host>?mode=real&game_id=…&token=…&currency=…&language=…&operator_id=…[&…]`. */
export function buildRealModeGameUrl(config: GameLaunchConfig, launch: RealModeGameLaunch): string {
  return buildRealModeUrl(config, ['game_id', checkGameId(launch.gameId)], launch);
}

/** A real-money lobby launch: the same as a game launch, with lobby_id in place of game_id. */
export function buildLobbyUrl(config: GameLaunchConfig, launch: LobbyLaunch): string {
  return buildRealModeUrl(config, ['lobby_id', checkLobbyId(launch.lobbyId)], launch);
}

/** A fun/demo game launch: `<host>?mode=fun&game_id=…[&currency=…]&language=…&operator_id=…[&home_url=…]&device=…`. */
export function buildFunModeGameUrl(config: GameLaunchConfig, launch: FunModeGameLaunch): string {
  const base = checkBaseUrl(config.gameLaunchBaseUrl);
  const parameters = new URLSearchParams();
  parameters.append('mode', 'fun');
  parameters.append('game_id', checkGameId(launch.gameId));
  if (launch.currency !== undefined) {
    parameters.append('currency', checkCurrency(launch.currency));
  }
  parameters.append('language', checkLanguage(launch.language));
  parameters.append('operator_id', checkOperatorId(config.operatorId));
  appendOptionalUrl(parameters, 'home_url', launch.homeUrl);
  parameters.append('device', checkDevice(launch.device));
  return `${base}?${parameters.toString()}`;
}

/**
 * Parameters go in the order of the vendor's URL template, then the optional ones in the order of
 * its table. Order does not matter to the platform; a fixed one makes URLs comparable in tests and logs.
 */
function buildRealModeUrl(config: GameLaunchConfig, target: readonly ['game_id' | 'lobby_id', string], launch: RealModeLaunchCommon): string {
  const base = checkBaseUrl(config.gameLaunchBaseUrl);
  const parameters = new URLSearchParams();
  parameters.append('mode', 'real');
  parameters.append(target[0], target[1]);
  parameters.append('token', checkToken(launch.token));
  parameters.append('currency', checkCurrency(launch.currency));
  parameters.append('language', checkLanguage(launch.language));
  parameters.append('operator_id', checkOperatorId(config.operatorId));
  appendOptionalUrl(parameters, 'home_url', launch.homeUrl);
  appendOptionalUrl(parameters, 'deposit_url', launch.depositUrl);
  parameters.append('device', checkDevice(launch.device));
  if (launch.group !== undefined) {
    parameters.append('group', checkGroup(launch.group));
  }
  if (launch.clientName !== undefined) {
    parameters.append('clientName', checkClientName(launch.clientName));
  }
  return `${base}?${parameters.toString()}`;
}

/** "https://host" and "https://host/" both give "https://host/"; a path prefix is kept as written. */
function checkBaseUrl(text: string): string {
  const problem = baseUrlProblem(text);
  if (problem !== null) {
    throw new GameLaunchParameterError('gameLaunchBaseUrl', problem);
  }
  const url = new URL(text);
  return `${url.origin}${url.pathname}`;
}

const TOKEN_PATTERN = new RegExp(`^[A-Za-z0-9]{${TOKEN_LENGTH_MIN},${TOKEN_LENGTH_MAX}}$`);
/** No leading zeros, so one game has one spelling. */
const GAME_ID_PATTERN = new RegExp(`^(0|[1-9][0-9]{0,${LAUNCH_GAME_ID_DIGITS_MAX - 1}})$`);
/** A language subtag, then optional region/script subtags: "en", "en-US", "pt-BR". */
const LANGUAGE_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const GROUP_PATTERN = new RegExp(`^[A-Za-z0-9]{1,${GROUP_LENGTH_MAX}}$`);
/**
 * Printable ASCII without spaces and without "|": the vendor forbids "|" in every string
 * parameter (it joins values with it), and nothing we send needs a space or a control character.
 */
const VISIBLE_TEXT_PATTERN = /^[\x21-\x7b\x7d\x7e]+$/;

function checkGameId(gameId: string): string {
  if (!GAME_ID_PATTERN.test(gameId)) {
    throw new GameLaunchParameterError('game_id', `expected an integer of at most ${LAUNCH_GAME_ID_DIGITS_MAX} digits`);
  }
  return gameId;
}

function checkLobbyId(lobbyId: string): string {
  if (lobbyId.length > LABEL_LENGTH_MAX || !VISIBLE_TEXT_PATTERN.test(lobbyId)) {
    throw new GameLaunchParameterError('lobby_id', `expected 1-${LABEL_LENGTH_MAX} printable characters without spaces or "|"`);
  }
  return lobbyId;
}

function checkToken(token: string): string {
  if (!TOKEN_PATTERN.test(token)) {
    throw new GameLaunchParameterError('token', `expected ${TOKEN_LENGTH_MIN}-${TOKEN_LENGTH_MAX} characters of [A-Za-z0-9]`);
  }
  return token;
}

function checkCurrency(currency: string): string {
  if (!isCurrencyCode(currency)) {
    throw new GameLaunchParameterError('currency', 'expected 3 or 4 characters of [A-Z0-9]');
  }
  return currency;
}

function checkLanguage(language: string): string {
  if (language.length > LANGUAGE_LENGTH_MAX || !LANGUAGE_PATTERN.test(language)) {
    throw new GameLaunchParameterError('language', `expected an IETF language tag such as "en" or "en-US", at most ${LANGUAGE_LENGTH_MAX} characters`);
  }
  return language;
}

function checkOperatorId(operatorId: string): string {
  if (operatorId.length > OPERATOR_ID_LENGTH_MAX || !VISIBLE_TEXT_PATTERN.test(operatorId)) {
    throw new GameLaunchParameterError('operator_id', `expected 1-${OPERATOR_ID_LENGTH_MAX} printable characters without spaces or "|"`);
  }
  return operatorId;
}

function checkDevice(device: string): string {
  if (device !== LaunchDevice.Desktop && device !== LaunchDevice.Mobile) {
    throw new GameLaunchParameterError('device', 'expected "desktop" or "mobile"');
  }
  return device;
}

function checkGroup(group: string): string {
  if (!GROUP_PATTERN.test(group)) {
    throw new GameLaunchParameterError('group', `expected 1-${GROUP_LENGTH_MAX} letters or digits`);
  }
  return group;
}

function checkClientName(clientName: string): string {
  if (clientName.length > CLIENT_NAME_LENGTH_MAX || !VISIBLE_TEXT_PATTERN.test(clientName)) {
    throw new GameLaunchParameterError('clientName', `expected 1-${CLIENT_NAME_LENGTH_MAX} printable characters without spaces or "|"`);
  }
  return clientName;
}

/**
 * home_url and deposit_url end up as links inside the vendor's page: only http(s), so a
 * "javascript:" URL can never become a button in a game. Checked as written, since the text
 * is what we send: the URL parser would silently drop tabs and newlines.
 */
function appendOptionalUrl(parameters: URLSearchParams, name: 'home_url' | 'deposit_url', value: string | undefined): void {
  if (value === undefined) {
    return;
  }
  if (value.length > LAUNCH_URL_PARAMETER_LENGTH_MAX) {
    throw new GameLaunchParameterError(name, `longer than ${LAUNCH_URL_PARAMETER_LENGTH_MAX} characters`);
  }
  let url: URL | undefined;
  try {
    url = VISIBLE_TEXT_PATTERN.test(value) ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new GameLaunchParameterError(name, 'expected an absolute http or https URL without spaces or "|"');
  }
  parameters.append(name, value);
}
