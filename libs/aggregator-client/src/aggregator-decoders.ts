import type { JsonObject, JsonValue } from '@wallet-platform/http-client';
import { isLosslessNumber } from 'lossless-json';
import {
  CURRENCY_GROUPS_MAX,
  GAMES_COUNT_MAX,
  ID_LENGTH_MAX,
  ITEMS_PER_ANSWER_MAX,
  LABEL_LENGTH_MAX,
  LAUNCH_HTML_LENGTH_MAX,
  PAGE_SIZE_MAX,
  URL_LENGTH_MAX,
} from './aggregator-client-limits';
import { AggregatorShapeError } from './aggregator-errors';
import {
  describe,
  expectObject,
  fieldOf,
  readArray,
  readBoolean,
  readDecimal,
  readId,
  readInteger,
  readObject,
  readOptionalArray,
  readOptionalString,
  readString,
  readTime,
} from './aggregator-fields';

const PAGE_MAX = 1_000_000;
const isCurrencyText = (text: string): boolean => /^[A-Z0-9]{3,6}$/.test(text);

function readCurrency(object: JsonObject, key: string, path: string): string {
  const text = readString(object, key, path, 6);
  if (!isCurrencyText(text)) {
    throw new AggregatorShapeError(`${path}.${key}`, `expected a currency code, got ${describe(text)}`);
  }
  return text;
}

// ---- players ----

export interface AggregatorBalance {
  /** Decimal string exactly as sent ("110.01"). */
  readonly balance: string;
  readonly currency: string;
}

export function decodeBalance(result: JsonValue): AggregatorBalance {
  const object = expectObject(result, '$.result');
  return { balance: readDecimal(object, 'balance', '$.result'), currency: readCurrency(object, 'currency', '$.result') };
}

export interface AggregatorPlayerStatus {
  /** The player's id in the aggregator's system ("" when the answer leaves it out, as one example does). */
  readonly id: string;
  readonly username: string;
  readonly currency: string;
  readonly active: boolean;
  /** Per provider, as it came; null when not set. */
  readonly betLimits: JsonObject | null;
  /** RFC 3339, as sent. */
  readonly createdAt: string;
}

export function decodePlayerStatus(result: JsonValue): AggregatorPlayerStatus {
  const path = '$.result';
  const object = expectObject(result, path);
  const betLimits = fieldOf(object, 'betLimits');
  return {
    id: readOptionalString(object, 'id', path, ID_LENGTH_MAX),
    username: readString(object, 'username', path, ID_LENGTH_MAX),
    currency: readOptionalString(object, 'currency', path, 6),
    active: readBoolean(object, 'active', path),
    betLimits: betLimits === undefined || betLimits === null ? null : expectObject(betLimits, `${path}.betLimits`),
    createdAt: readTime(object, 'createdAt', path),
  };
}

// ---- catalog ----

export interface AggregatorCategory {
  readonly id: string;
  readonly label: string;
}

export interface AggregatorGame {
  readonly id: string;
  readonly name: string;
  /** "" when the aggregator has no logo (the examples send ""). */
  readonly logoUrl: string;
  readonly category: AggregatorCategory;
}

function decodeCategory(value: JsonValue | undefined, path: string): AggregatorCategory {
  const object = expectObject(value, path);
  return { id: readString(object, 'id', path, ID_LENGTH_MAX), label: readString(object, 'label', path, LABEL_LENGTH_MAX) };
}

export function decodeGames(result: JsonValue): readonly AggregatorGame[] {
  const object = expectObject(result, '$.result');
  return readArray(object, 'items', '$.result', GAMES_COUNT_MAX).map((item, index) => {
    const path = `$.result.items[${index}]`;
    const game = expectObject(item, path);
    return {
      id: readString(game, 'id', path, ID_LENGTH_MAX),
      name: readString(game, 'name', path, LABEL_LENGTH_MAX),
      logoUrl: readOptionalString(game, 'logoUrl', path, URL_LENGTH_MAX),
      category: decodeCategory(fieldOf(game, 'category'), `${path}.category`),
    };
  });
}

export interface AggregatorProvider {
  readonly id: string;
  readonly name: string;
  readonly logoUrl: string;
  readonly active: boolean;
  readonly online: boolean;
  readonly categories: readonly AggregatorCategory[];
}

export function decodeProviders(result: JsonValue): readonly AggregatorProvider[] {
  const object = expectObject(result, '$.result');
  return readArray(object, 'items', '$.result', ITEMS_PER_ANSWER_MAX).map((item, index) => {
    const path = `$.result.items[${index}]`;
    const provider = expectObject(item, path);
    return {
      id: readString(provider, 'id', path, ID_LENGTH_MAX),
      name: readString(provider, 'name', path, LABEL_LENGTH_MAX),
      logoUrl: readOptionalString(provider, 'logoUrl', path, URL_LENGTH_MAX),
      active: readBoolean(provider, 'active', path),
      online: readBoolean(provider, 'online', path),
      categories: readOptionalArray(provider, 'categories', path, ITEMS_PER_ANSWER_MAX).map((category, categoryIndex) =>
        decodeCategory(category, `${path}.categories[${categoryIndex}]`),
      ),
    };
  });
}

// ---- launch ----

export type AggregatorLaunch = { readonly type: 'url'; readonly url: string } | { readonly type: 'html'; readonly html: string };

export function decodeLaunch(result: JsonValue): AggregatorLaunch {
  const path = '$.result';
  const object = expectObject(result, path);
  const type = fieldOf(object, 'type');
  if (type === 'url') {
    const url = readString(object, 'url', path, URL_LENGTH_MAX);
    if (!/^https?:\/\//.test(url)) {
      throw new AggregatorShapeError(`${path}.url`, 'expected an http(s) URL');
    }
    return { type, url };
  }
  if (type === 'html') {
    return { type, html: readString(object, 'html', path, LAUNCH_HTML_LENGTH_MAX) };
  }
  throw new AggregatorShapeError(`${path}.type`, `expected "url" or "html", got ${describe(type)}`);
}

// ---- transfers ----

export interface AggregatorWalletMovement {
  readonly txId: string;
  readonly beforeBalance: string;
  readonly afterBalance: string;
}

/** The aggregator's answer to a deposit or withdraw: its ids, and both wallets before and after. */
export interface AggregatorTransferReceipt {
  readonly txId: string;
  readonly currency: string;
  readonly agent: AggregatorWalletMovement;
  readonly player: AggregatorWalletMovement;
}

function decodeMovement(value: JsonValue | undefined, path: string): AggregatorWalletMovement {
  const object = expectObject(value, path);
  return { txId: readString(object, 'txId', path, ID_LENGTH_MAX), beforeBalance: readDecimal(object, 'beforeBalance', path), afterBalance: readDecimal(object, 'afterBalance', path) };
}

export function decodeTransferReceipt(result: JsonValue): AggregatorTransferReceipt {
  const path = '$.result';
  const object = expectObject(result, path);
  return {
    txId: readString(object, 'txId', path, ID_LENGTH_MAX),
    currency: readCurrency(object, 'currency', path),
    agent: decodeMovement(fieldOf(object, 'agent'), `${path}.agent`),
    player: decodeMovement(fieldOf(object, 'player'), `${path}.player`),
  };
}

// ---- history and report pages ----

export interface AggregatorPaging {
  readonly page: number;
  readonly perPage: number;
  readonly hasNext: boolean;
}

/** `next` is a boolean in the history example and 1 in the report example: both read, nothing else. */
function decodePaging(value: JsonValue | undefined, path: string): AggregatorPaging {
  const object = expectObject(value, path);
  const next = fieldOf(object, 'next');
  let hasNext: boolean;
  if (typeof next === 'boolean') {
    hasNext = next;
  } else if (isLosslessNumber(next) && (next.value === '0' || next.value === '1')) {
    hasNext = next.value === '1';
  } else {
    throw new AggregatorShapeError(`${path}.next`, `expected true, false, 0 or 1, got ${describe(next)}`);
  }
  return { page: readInteger(object, 'page', path, 1, PAGE_MAX), perPage: readInteger(object, 'perPage', path, 1, 10_000), hasNext };
}

export interface AggregatorHistoryItem {
  readonly id: string;
  readonly provider: { readonly id: string; readonly name: string };
  readonly userInGame: {
    readonly userInGame: string;
    readonly playerId: string;
    readonly agentId: string;
    readonly agentPrefix: string;
    readonly currency: string;
    readonly username: string;
  };
  readonly game: { readonly gameId: string; readonly name: string; readonly category: string };
  readonly roundId: string;
  /** For a transfer agent: the aggregator's wallet transaction id. */
  readonly walletTxId: string;
  readonly providerTxId: string;
  readonly txType: { readonly id: number; readonly label: string; readonly flag: string };
  /**
   * Both amounts kept (KIDR 1.6 is IDR 1600): the player-currency one is the one our ledger uses.
   */
  readonly amount: { readonly providerCurrency: string; readonly playerCurrency: string; readonly providerAmount: string; readonly playerAmount: string };
  readonly walletBeforeBalance: string;
  readonly walletAfterBalance: string;
  readonly receivedAt: string;
}

export interface AggregatorHistoryPage {
  /** Currency groups in the order sent; each group's key is the base currency. */
  readonly currencyGroups: readonly { readonly currency: string; readonly items: readonly AggregatorHistoryItem[] }[];
  readonly paging: AggregatorPaging;
}

function decodeHistoryItem(value: JsonValue, path: string): AggregatorHistoryItem {
  const item = expectObject(value, path);
  const provider = readObject(item, 'provider', path);
  const userInGame = readObject(item, 'userInGame', path);
  const game = readObject(item, 'game', path);
  const txType = readObject(item, 'txType', path);
  const amount = readObject(item, 'amount', path);
  const amounts = readObject(amount, 'amount', `${path}.amount`);
  return {
    id: readString(item, 'id', path, ID_LENGTH_MAX),
    provider: { id: readString(provider, 'id', `${path}.provider`, ID_LENGTH_MAX), name: readOptionalString(provider, 'name', `${path}.provider`, LABEL_LENGTH_MAX) },
    userInGame: {
      userInGame: readOptionalString(userInGame, 'userInGame', `${path}.userInGame`, ID_LENGTH_MAX),
      playerId: readOptionalString(userInGame, 'playerId', `${path}.userInGame`, ID_LENGTH_MAX),
      agentId: readId(userInGame, 'agentId', `${path}.userInGame`),
      agentPrefix: readOptionalString(userInGame, 'agentPrefix', `${path}.userInGame`, ID_LENGTH_MAX),
      currency: readOptionalString(userInGame, 'currency', `${path}.userInGame`, 6),
      username: readString(userInGame, 'username', `${path}.userInGame`, ID_LENGTH_MAX),
    },
    game: {
      gameId: readOptionalString(game, 'gameId', `${path}.game`, ID_LENGTH_MAX),
      name: readOptionalString(game, 'name', `${path}.game`, LABEL_LENGTH_MAX),
      category: readOptionalString(game, 'category', `${path}.game`, LABEL_LENGTH_MAX),
    },
    roundId: readOptionalString(item, 'roundId', path, ID_LENGTH_MAX),
    walletTxId: readString(item, 'walletTxId', path, ID_LENGTH_MAX),
    providerTxId: readOptionalString(item, 'providerTxId', path, ID_LENGTH_MAX),
    txType: {
      id: readInteger(txType, 'id', `${path}.txType`, 0, 1_000_000),
      label: readString(txType, 'label', `${path}.txType`, LABEL_LENGTH_MAX),
      flag: readOptionalString(txType, 'flag', `${path}.txType`, LABEL_LENGTH_MAX),
    },
    amount: {
      providerCurrency: readCurrency(amount, 'providerCurrency', `${path}.amount`),
      playerCurrency: readCurrency(amount, 'playerCurrency', `${path}.amount`),
      providerAmount: readDecimal(amounts, 'providerAmount', `${path}.amount.amount`),
      playerAmount: readDecimal(amounts, 'playerAmount', `${path}.amount.amount`),
    },
    walletBeforeBalance: readDecimal(item, 'walletBeforeBalance', path),
    walletAfterBalance: readDecimal(item, 'walletAfterBalance', path),
    receivedAt: readTime(item, 'receivedAt', path),
  };
}

export function decodeHistoryPage(result: JsonValue): AggregatorHistoryPage {
  const path = '$.result';
  const object = expectObject(result, path);
  const groups = readObject(object, 'currencyGroup', path);
  const currencies = Object.keys(groups);
  if (currencies.length > CURRENCY_GROUPS_MAX) {
    throw new AggregatorShapeError(`${path}.currencyGroup`, `more than ${CURRENCY_GROUPS_MAX} currencies`);
  }
  let itemsTotal = 0;
  const currencyGroups = currencies.map((currency) => {
    const groupPath = `${path}.currencyGroup.${currency}`;
    if (!isCurrencyText(currency)) {
      throw new AggregatorShapeError(groupPath, 'key is not a currency code');
    }
    const items = readArray(readObject(groups, currency, `${path}.currencyGroup`), 'items', groupPath, PAGE_SIZE_MAX);
    itemsTotal += items.length;
    if (itemsTotal > PAGE_SIZE_MAX) {
      throw new AggregatorShapeError(`${path}.currencyGroup`, `more than ${PAGE_SIZE_MAX} items in one page`);
    }
    return { currency, items: items.map((item, index) => decodeHistoryItem(item, `${groupPath}.items[${index}]`)) };
  });
  // A page without paging is refused: a walk could not know whether to go on.
  return { currencyGroups, paging: decodePaging(fieldOf(object, 'paginate'), `${path}.paginate`) };
}

export interface AggregatorDailyReportItem {
  readonly playerWinLoss: string;
  readonly validTurnOver: string;
  readonly agentWinLoss: string;
  readonly agentCommission: string;
  readonly agentContribution: string;
  readonly playerFreeRound: string;
  readonly freeRoundCount: number;
  /** The hour or day the figures cover, RFC 3339 (always in the agent's base currency). */
  readonly timestamp: string;
}

export interface AggregatorDailyReportPage {
  readonly items: readonly AggregatorDailyReportItem[];
  readonly paging: AggregatorPaging;
}

export function decodeDailyReportPage(result: JsonValue): AggregatorDailyReportPage {
  const path = '$.result';
  const object = expectObject(result, path);
  const items = readArray(object, 'items', path, PAGE_SIZE_MAX).map((value, index) => {
    const itemPath = `${path}.items[${index}]`;
    const item = expectObject(value, itemPath);
    return {
      playerWinLoss: readDecimal(item, 'playerWinLoss', itemPath),
      validTurnOver: readDecimal(item, 'validTurnOver', itemPath),
      agentWinLoss: readDecimal(item, 'agentWinLoss', itemPath),
      agentCommission: readDecimal(item, 'agentCommission', itemPath),
      agentContribution: readDecimal(item, 'agentContribution', itemPath),
      playerFreeRound: readDecimal(item, 'playerFreeRound', itemPath),
      freeRoundCount: readInteger(item, 'freeRoundCount', itemPath, 0, 100_000_000),
      timestamp: readTime(item, 'timestamp', itemPath),
    };
  });
  return { items, paging: decodePaging(fieldOf(object, 'paginate'), `${path}.paginate`) };
}

// ---- game logs ----

export const GameLogType = {
  NoData: 'nodata',
  Iframe: 'iframe',
  Hand: 'hand',
  Roulette: 'roulette',
  Dice: 'dice',
  Table: 'table',
} as const;
export type GameLogType = (typeof GameLogType)[keyof typeof GameLogType];

/** What to show for one round, by its log type; each carries only the part its type sends. */
export type GameLogView =
  | { readonly logType: typeof GameLogType.NoData }
  | { readonly logType: typeof GameLogType.Iframe; readonly url: string }
  | { readonly logType: typeof GameLogType.Hand; readonly hands: readonly { readonly title: string; readonly cards: readonly string[]; readonly result: string }[] }
  | { readonly logType: typeof GameLogType.Roulette; readonly pockets: readonly { readonly number: string; readonly color: string; readonly evenOdd: string }[] }
  | { readonly logType: typeof GameLogType.Dice; readonly dices: readonly string[] }
  | { readonly logType: typeof GameLogType.Table; readonly rows: readonly { readonly key: string; readonly value: string }[] };

export interface AggregatorGameLogTransaction {
  readonly id: string;
  readonly type: string;
  readonly providerAmount: string;
  readonly providerCurrency: string;
  readonly walletCurrency: string;
  readonly beforeBalance: string;
  readonly afterBalance: string;
  readonly createdAt: string;
  readonly agentProviderKeyRevisionId: string;
}

export interface AggregatorGameLog {
  readonly providerId: string;
  readonly gameType: string;
  readonly gameName: string;
  readonly roundId: string;
  /** The result's own gameName and gameResult ("" when the provider leaves them empty). */
  readonly resultGameName: string;
  readonly gameResult: string;
  readonly view: GameLogView;
  readonly transactions: readonly AggregatorGameLogTransaction[];
}

function readStrings(object: JsonObject, key: string, path: string): readonly string[] {
  return readOptionalArray(object, key, path, ITEMS_PER_ANSWER_MAX).map((value, index) => {
    if (typeof value !== 'string' || value.length > LABEL_LENGTH_MAX) {
      throw new AggregatorShapeError(`${path}.${key}[${index}]`, `expected a string, got ${describe(value)}`);
    }
    return value;
  });
}

function decodeView(log: JsonObject, result: JsonObject, path: string): GameLogView {
  const logType = fieldOf(result, 'logType');
  const objects = (key: string): readonly JsonObject[] => readArray(log, key, path, ITEMS_PER_ANSWER_MAX).map((value, index) => expectObject(value, `${path}.${key}[${index}]`));
  switch (logType) {
    case GameLogType.NoData:
      return { logType };
    case GameLogType.Iframe: {
      const url = readString(result, 'url', `${path}.result`, URL_LENGTH_MAX);
      if (!/^https?:\/\//.test(url)) {
        throw new AggregatorShapeError(`${path}.result.url`, 'expected an http(s) URL');
      }
      return { logType, url };
    }
    case GameLogType.Hand:
      return {
        logType,
        hands: objects('hands').map((hand, index) => {
          const handPath = `${path}.hands[${index}]`;
          return { title: readOptionalString(hand, 'title', handPath, LABEL_LENGTH_MAX), cards: readStrings(hand, 'cards', handPath), result: readOptionalString(hand, 'result', handPath, LABEL_LENGTH_MAX) };
        }),
      };
    case GameLogType.Roulette:
      return {
        logType,
        pockets: objects('pockets').map((pocket, index) => {
          const pocketPath = `${path}.pockets[${index}]`;
          return {
            number: readString(pocket, 'number', pocketPath, LABEL_LENGTH_MAX, { allowEmpty: true }),
            color: readOptionalString(pocket, 'color', pocketPath, LABEL_LENGTH_MAX),
            evenOdd: readOptionalString(pocket, 'evenOdd', pocketPath, LABEL_LENGTH_MAX),
          };
        }),
      };
    case GameLogType.Dice:
      return { logType, dices: readArray(log, 'dices', path, ITEMS_PER_ANSWER_MAX) && readStrings(log, 'dices', path) };
    case GameLogType.Table:
      return {
        logType,
        rows: objects('rows').map((row, index) => {
          const rowPath = `${path}.rows[${index}]`;
          return { key: readString(row, 'key', rowPath, LABEL_LENGTH_MAX), value: readOptionalString(row, 'value', rowPath, LABEL_LENGTH_MAX) };
        }),
      };
    default:
      throw new AggregatorShapeError(`${path}.result.logType`, `expected one of ${Object.values(GameLogType).join(', ')}, got ${describe(logType)}`);
  }
}

export function decodeGameLog(value: JsonValue): AggregatorGameLog {
  const path = '$.result';
  const log = expectObject(value, path);
  const result = readObject(log, 'result', path);
  return {
    providerId: readString(log, 'providerId', path, ID_LENGTH_MAX),
    gameType: readOptionalString(log, 'gameType', path, LABEL_LENGTH_MAX),
    gameName: readOptionalString(log, 'gameName', path, LABEL_LENGTH_MAX),
    roundId: readOptionalString(log, 'roundId', path, ID_LENGTH_MAX),
    resultGameName: readOptionalString(result, 'gameName', `${path}.result`, LABEL_LENGTH_MAX),
    gameResult: readOptionalString(result, 'gameResult', `${path}.result`, LABEL_LENGTH_MAX),
    view: decodeView(log, result, path),
    transactions: readOptionalArray(log, 'transactions', path, ITEMS_PER_ANSWER_MAX).map((item, index) => {
      const txPath = `${path}.transactions[${index}]`;
      const tx = expectObject(item, txPath);
      return {
        id: readString(tx, 'id', txPath, ID_LENGTH_MAX),
        type: readString(tx, 'type', txPath, LABEL_LENGTH_MAX),
        providerAmount: readDecimal(tx, 'providerAmount', txPath),
        providerCurrency: readCurrency(tx, 'providerCurrency', txPath),
        walletCurrency: readCurrency(tx, 'walletCurrency', txPath),
        beforeBalance: readDecimal(tx, 'beforeBalance', txPath),
        afterBalance: readDecimal(tx, 'afterBalance', txPath),
        createdAt: readTime(tx, 'createdAt', txPath),
        agentProviderKeyRevisionId: readOptionalString(tx, 'agentProviderKeyRevisionID', txPath, ID_LENGTH_MAX),
      };
    }),
  };
}

// ---- free rounds ----

export interface AggregatorFreeRoundGrant {
  readonly userInGame: string;
  readonly freeGameCode: string;
  /** The provider's id of the grant: what cancelFreeRound needs. */
  readonly freeGameId: string;
}

export function decodeFreeRoundGrant(value: JsonValue): AggregatorFreeRoundGrant {
  const path = '$.result';
  const object = expectObject(value, path);
  return {
    userInGame: readOptionalString(object, 'userInGame', path, ID_LENGTH_MAX),
    freeGameCode: readString(object, 'freeGameCode', path, ID_LENGTH_MAX),
    freeGameId: readId(object, 'freeGameId', path),
  };
}

/**
 * getFreeRound's answer: one `<provider>Result` field per provider (ppResult, pgResult…), each in
 * that provider's own shape. Kept exactly as it came (lossless JSON, nulls included), keyed by the
 * provider prefix, so a reader for one provider can be added without touching the others.
 */
export interface AggregatorFreeRoundDetails {
  readonly byProvider: readonly { readonly provider: string; readonly result: JsonValue }[];
}

export function decodeFreeRoundDetails(value: JsonValue): AggregatorFreeRoundDetails {
  const object = expectObject(value, '$.result');
  const keys = Object.keys(object);
  if (keys.length > ITEMS_PER_ANSWER_MAX) {
    throw new AggregatorShapeError('$.result', `more than ${ITEMS_PER_ANSWER_MAX} fields`);
  }
  return {
    byProvider: keys.map((key) => {
      const match = /^([a-zA-Z0-9]{1,32})Result$/.exec(key);
      if (match === null || match[1] === undefined) {
        throw new AggregatorShapeError(`$.result.${key}`, 'expected a "<provider>Result" field');
      }
      return { provider: match[1], result: object[key] as JsonValue };
    }),
  };
}
