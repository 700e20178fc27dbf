import type { ServerResponse } from 'node:http';
import { answerJson, TestHttpServer, type RecordedHttpRequest } from '@wallet-platform/http-client/testing';

/** What the fake does to the next calls of one endpoint. */
export type AggregatorFault =
  /** Applies the call (money moves), then drops the connection: the client never hears back. */
  | { readonly kind: 'lose-answer-after-apply' }
  /** Holds the request without applying it until the client gives up, then drops it. */
  | { readonly kind: 'timeout-before-apply'; readonly holdMs: number }
  /** Answers this status without applying anything. */
  | { readonly kind: 'http-status'; readonly httpStatus: number }
  /** Answers ok:false with this code, nothing applied. */
  | { readonly kind: 'error-code'; readonly code: string }
  /** Answers normally after a delay (slow pages). */
  | { readonly kind: 'slow'; readonly delayMs: number }
  /** Answers this exact body with 200, applying nothing (envelopes the document does not describe). */
  | { readonly kind: 'raw-answer'; readonly bodyText: string };

interface FakePlayer {
  readonly username: string;
  readonly id: string;
  active: boolean;
  readonly createdAt: string;
  /** Balances per currency in hundredths (the fake's own bookkeeping, exact). */
  readonly balancesCents: Map<string, bigint>;
}

export interface FakeHistoryEntry {
  readonly id: string;
  readonly username: string;
  readonly currency: string;
  readonly label: 'Deposit' | 'Withdraw' | 'Bet' | 'Settle';
  readonly walletTxId: string;
  readonly beforeCents: bigint;
  readonly afterCents: bigint;
  readonly receivedAt: string;
}

const cents = (text: string): bigint => {
  const match = /^(-?)([0-9]+)(?:\.([0-9]{1,2}))?$/.exec(text);
  if (match === null) {
    throw new Error(`fake: not a 2-place decimal: ${text}`);
  }
  const value = BigInt(match[2] ?? '0') * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] === '-' ? -value : value;
};
export const centsText = (value: bigint): string => {
  const negative = value < 0n;
  const absolute = negative ? -value : value;
  return `${negative ? '-' : ''}${absolute / 100n}.${(absolute % 100n).toString().padStart(2, '0')}`;
};

/**
 * A fake transfer-wallet aggregator of ours, speaking the External API v1.3.0 as its examples do,
 * with real balances per player and currency, a history of every movement, and faults injected
 * per endpoint. Test support only (the lib's `testing` entry point).
 */
export class FakeAggregatorServer {
  readonly players = new Map<string, FakePlayer>();
  readonly history: FakeHistoryEntry[] = [];
  games = [
    { id: 'pg_00001', name: 'Leprechaun Riches', logoUrl: '', category: { id: 'slot', label: 'Slot' } },
    { id: 'png_00072', name: 'Fire Joker', logoUrl: 'https://cdn.example/fj.png', category: { id: 'slot', label: 'Slot' } },
  ];
  /** What `providers` answers: tests change it (a provider gone, one inactive). */
  providers: Array<{ id: string; name: string; logoUrl: string; active: boolean; online: boolean; categories: Array<{ id: string; label: string }> }> = [
    { id: 'pg', name: 'Pocket Games Soft', logoUrl: 'https://cdn.example/pg.png', active: true, online: true, categories: [{ id: 'slot', label: 'Slot' }] },
  ];
  /** The game log answered for any round: tests set the log type they need. */
  gameLogResult: Record<string, unknown> = { logType: 'nodata', url: '', gameName: '', gameResult: '' };
  gameLogExtras: Record<string, unknown> = {};
  readonly freeRounds: { freeGameId: string; bonusCode: string; username: string; currency: string; rounds: number; canceled: boolean }[] = [];
  private readonly faults = new Map<string, { fault: AggregatorFault; remaining: number }>();
  private readonly faultChoosers = new Map<string, (body: Record<string, unknown>) => AggregatorFault | undefined>();
  /** Every fault actually applied, per kind (a test can show each kind happened). */
  readonly faultsApplied = new Map<AggregatorFault['kind'], number>();
  private sequence = 0;
  /** The agent's base currency: the one its playerDailyReport is in. */
  baseCurrency = 'EUR';

  private constructor(
    private readonly server: TestHttpServer,
    private readonly apiKey: string,
  ) {}

  static async start(options: { readonly port: number; readonly apiKey: string }): Promise<FakeAggregatorServer> {
    const server = await TestHttpServer.start({ port: options.port });
    const fake = new FakeAggregatorServer(server, options.apiKey);
    server.answerWith((request, response) => fake.handle(request, response));
    return fake;
  }

  get baseUrl(): string {
    return this.server.baseUrl;
  }

  get requests(): readonly RecordedHttpRequest[] {
    return this.server.requests;
  }

  requestsTo(call: string): readonly RecordedHttpRequest[] {
    return this.server.requests.filter((request) => request.path === `/${call}`);
  }

  inject(call: string, fault: AggregatorFault, times = 1): void {
    this.faults.set(call, { fault, remaining: times });
  }

  /** Decides a fault (or none) for every call of this endpoint from its body; `inject` goes first. */
  injectWith(call: string, chooser: ((body: Record<string, unknown>) => AggregatorFault | undefined) | undefined): void {
    if (chooser === undefined) {
      this.faultChoosers.delete(call);
    } else {
      this.faultChoosers.set(call, chooser);
    }
  }

  /** A player as if created earlier, with balances ("100.00" per currency). */
  addPlayer(username: string, balances: Record<string, string> = {}): void {
    this.players.set(username, { username, id: `id${username}`, active: true, createdAt: '2024-08-20T13:08:34.280062Z', balancesCents: new Map(Object.entries(balances).map(([c, v]) => [c, cents(v)])) });
  }

  balanceOf(username: string, currency: string): string {
    return centsText(this.players.get(username)?.balancesCents.get(currency) ?? 0n);
  }

  /** Game play at the aggregator: moves the player's balance and records a Bet/Settle entry. */
  play(username: string, currency: string, deltaText: string): void {
    const player = this.mustPlayer(username);
    const before = player.balancesCents.get(currency) ?? 0n;
    const after = before + cents(deltaText);
    player.balancesCents.set(currency, after);
    this.record(username, currency, cents(deltaText) < 0n ? 'Bet' : 'Settle', before, after);
  }

  /**
   * Moves a player's balance with no history entry and outside the report: money the aggregator
   * took or gave that its own report does not explain (a planted difference for reconciliation tests).
   */
  adjustBalanceUnreported(username: string, currency: string, deltaText: string): void {
    const player = this.mustPlayer(username);
    player.balancesCents.set(currency, (player.balancesCents.get(currency) ?? 0n) + cents(deltaText));
  }

  close(): Promise<void> {
    return this.server.close();
  }

  /**
   * The player's report as the document's example shapes it: one item per UTC hour with play
   * (`Bet`/`Settle` entries), newest first, in the agent's base currency (`baseCurrency`; play in
   * other currencies is left out: the fake holds no exchange rates). `playerWinLoss` is the net of the
   * play (negative: the player lost), with ten places; an hour is kept when its start lies in [from, to].
   */
  private reportItems(username: string, fromMs: number, toMs: number): unknown[] {
    const hours = new Map<number, { net: bigint; turnOver: bigint }>();
    for (const entry of this.history) {
      if (entry.username !== username || entry.currency !== this.baseCurrency || (entry.label !== 'Bet' && entry.label !== 'Settle')) continue;
      const hour = Math.floor(Date.parse(entry.receivedAt) / 3_600_000) * 3_600_000;
      const figures = hours.get(hour) ?? { net: 0n, turnOver: 0n };
      const delta = entry.afterCents - entry.beforeCents;
      figures.net += delta;
      if (delta < 0n) figures.turnOver -= delta;
      hours.set(hour, figures);
    }
    const tenPlaces = (value: bigint) => `${centsText(value)}00000000`;
    return [...hours.entries()]
      .filter(([hour]) => hour >= fromMs && hour <= toMs)
      .sort(([a], [b]) => b - a)
      .map(([hour, figures]) => ({
        playerWinLoss: tenPlaces(figures.net),
        validTurnOver: tenPlaces(figures.turnOver),
        agentWinLoss: tenPlaces(-figures.net),
        agentCommission: '0',
        agentContribution: '0',
        playerFreeRound: '0',
        freeRoundCount: 0,
        timestamp: new Date(hour).toISOString().replace('.000Z', 'Z'),
      }));
  }

  private mustPlayer(username: string): FakePlayer {
    const player = this.players.get(username);
    if (player === undefined) {
      throw new Error(`fake: no player ${username}`);
    }
    return player;
  }

  private record(username: string, currency: string, label: FakeHistoryEntry['label'], beforeCents: bigint, afterCents: bigint): string {
    const walletTxId = `w${++this.sequence}`;
    // Real time: history's from/to filter on it as the aggregator's does (the order is the list's).
    this.history.push({ id: `h${this.sequence}`, username, currency, label, walletTxId, beforeCents, afterCents, receivedAt: new Date().toISOString() });
    return walletTxId;
  }

  private async handle(request: RecordedHttpRequest, response: ServerResponse): Promise<void> {
    const call = request.path.replace(/^\//, '');
    if (request.method !== 'POST') {
      return answerJson(response, 405, '{"ok":false,"error":{"code":"METHOD","message":"POST only"}}');
    }
    if (request.headers.authorization !== `Bearer ${this.apiKey}`) {
      return answerJson(response, 401, JSON.stringify({ ok: false, error: { code: 'AGENT_NOT_FOUND', message: 'agent not found' } }));
    }
    const body = JSON.parse(request.bodyText) as Record<string, unknown>;
    const injected = this.faults.get(call);
    let fault = injected !== undefined && injected.remaining > 0 ? injected.fault : undefined;
    if (injected !== undefined && fault !== undefined) {
      injected.remaining -= 1;
    }
    fault ??= this.faultChoosers.get(call)?.(body);
    if (fault !== undefined) {
      this.faultsApplied.set(fault.kind, (this.faultsApplied.get(fault.kind) ?? 0) + 1);
    }
    switch (fault?.kind) {
      case undefined:
        break;
      case 'http-status':
        return answerJson(response, fault.httpStatus, '{"message":"upstream failure"}');
      case 'error-code':
        return answerJson(response, 200, JSON.stringify({ ok: false, error: { code: fault.code, message: `fake ${fault.code}` } }));
      case 'timeout-before-apply':
        await new Promise((resolve) => setTimeout(resolve, fault.holdMs));
        response.socket?.destroy();
        return;
      case 'raw-answer':
        return answerJson(response, 200, fault.bodyText);
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
        break;
      case 'lose-answer-after-apply':
        this.apply(call, body);
        response.socket?.destroy();
        return;
    }
    const answer = this.apply(call, body);
    return answerJson(response, 200, JSON.stringify(answer));
  }

  /** The endpoint's effect and its answer envelope. */
  private apply(call: string, body: Record<string, unknown>): unknown {
    const username = String(body['username'] ?? '');
    const currency = String(body['currency'] ?? '');
    const refuse = (code: string, message: string): unknown => ({ ok: false, error: { code, message } });
    const player = this.players.get(username);
    switch (call) {
      case 'createPlayer':
        if (player !== undefined) return refuse('PLAYER_USERNAME_UNAVAILABLE', 'username unavailable');
        this.addPlayer(username);
        return { ok: true, result: {} };
      case 'getPlayerStatus':
        if (player === undefined) return refuse('PLAYER_NOT_FOUND', 'player not found');
        return { ok: true, result: { id: player.id, username, active: player.active, betLimits: null, createdAt: player.createdAt } };
      case 'getPlayerBalance':
        if (player === undefined) return refuse('PLAYER_NOT_FOUND', 'player not found');
        return { ok: true, result: { balance: this.balanceOf(username, currency), currency } };
      case 'deposit':
      case 'withdraw': {
        if (player === undefined) return refuse('PLAYER_NOT_FOUND', 'player not found');
        if (!player.active) return refuse('PLAYER_INACTIVE', 'player not active');
        const amount = cents(String(body['amount']));
        const before = player.balancesCents.get(currency) ?? 0n;
        const after = call === 'deposit' ? before + amount : before - amount;
        if (after < 0n) return refuse('INSUFFICIENT_BALANCE', 'insufficient balance');
        player.balancesCents.set(currency, after);
        const walletTxId = this.record(username, currency, call === 'deposit' ? 'Deposit' : 'Withdraw', before, after);
        return {
          ok: true,
          result: { txId: `t${walletTxId}`, currency, agent: { txId: `a${walletTxId}`, beforeBalance: '1000000.00', afterBalance: '1000000.00' }, player: { txId: walletTxId, beforeBalance: centsText(before), afterBalance: centsText(after) } },
        };
      }
      case 'games':
        return { ok: true, result: { items: this.games.filter((game) => String(body['query'] ?? '') === '' || game.name.includes(String(body['query']))) } };
      case 'providers':
        return { ok: true, result: { items: this.providers } };
      case 'launchGame':
        if (player === undefined) return refuse('PLAYER_NOT_FOUND', 'player not found');
        return String(body['gameId']).startsWith('html')
          ? { ok: true, result: { type: 'html', html: '<html><body>game</body></html>' } }
          : { ok: true, result: { type: 'url', url: `https://games.example/launch?g=${String(body['gameId'])}` } };
      case 'history': {
        if (player === undefined) return refuse('PLAYER_NOT_FOUND', 'player not found');
        const paginate = body['paginate'] as { page: number; perPage: number };
        const fromMs = typeof body['from'] === 'string' ? Date.parse(body['from']) : Number.NEGATIVE_INFINITY;
        const toMs = typeof body['to'] === 'string' ? Date.parse(body['to']) : Number.POSITIVE_INFINITY;
        const mine = this.history.filter((entry) => entry.username === username && Date.parse(entry.receivedAt) >= fromMs && Date.parse(entry.receivedAt) <= toMs);
        const slice = mine.slice((paginate.page - 1) * paginate.perPage, paginate.page * paginate.perPage);
        const groups: Record<string, { items: unknown[] }> = {};
        for (const entry of slice) {
          (groups[entry.currency] ??= { items: [] }).items.push(this.historyItem(entry));
        }
        return { ok: true, result: { currencyGroup: groups, paginate: { page: paginate.page, perPage: paginate.perPage, next: paginate.page * paginate.perPage < mine.length } } };
      }
      case 'playerDailyReport': {
        if (player === undefined) return refuse('PLAYER_NOT_FOUND', 'player not found');
        const paginate = body['paginate'] as { page: number; perPage: number };
        const items = this.reportItems(username, typeof body['from'] === 'string' ? Date.parse(body['from']) : Number.NEGATIVE_INFINITY, typeof body['to'] === 'string' ? Date.parse(body['to']) : Number.POSITIVE_INFINITY);
        const slice = items.slice((paginate.page - 1) * paginate.perPage, paginate.page * paginate.perPage);
        // `next` as 1/0, as the document's report example has it.
        return { ok: true, result: { items: slice, paginate: { page: paginate.page, perPage: paginate.perPage, next: paginate.page * paginate.perPage < items.length ? 1 : 0 } } };
      }
      case 'gameLogs':
        return { ok: true, result: { providerId: 'pg', gameType: 'Slot', gameName: 'Leprechaun Riches', roundId: '1825882618634307073', result: this.gameLogResult, transactions: [], ...this.gameLogExtras } };
      case 'freeRound': {
        if (player === undefined) return refuse('PLAYER_NOT_FOUND', 'player not found');
        const freeGameId = `${263545 + this.freeRounds.length}`;
        this.freeRounds.push({ freeGameId, bonusCode: String(body['bonusCode']), username, currency, rounds: Number(body['rounds']), canceled: false });
        return { ok: true, result: { userInGame: `${username}-${currency}`, freeGameId, freeGameCode: `code-${freeGameId}` } };
      }
      case 'getFreeRound': {
        const mine = this.freeRounds.filter((grant) => grant.username === username && !grant.canceled);
        return {
          ok: true,
          result: {
            ppResult: mine.map((grant) => ({ currency: grant.currency, gameIDList: 'vs20mparty', rounds: grant.rounds, roundsPlayed: 0, bonusCode: grant.bonusCode, expirationDate: '2024-12-25 17:00' })),
            pgResult: null,
          },
        };
      }
      case 'cancelFreeRound': {
        const grant = this.freeRounds.find((candidate) => candidate.freeGameId === String(body['freeRoundId']));
        if (grant === undefined) return refuse('FREE_ROUND_NOT_FOUND', 'free round not found');
        grant.canceled = true;
        return { ok: true, result: {} };
      }
      default:
        return refuse('NOT_FOUND', 'unknown path');
    }
  }

  private historyItem(entry: FakeHistoryEntry): unknown {
    const delta = centsText(entry.afterCents - entry.beforeCents);
    return {
      id: entry.id,
      provider: { id: 'pg', name: 'Pocket Games Soft' },
      userInGame: { userInGame: `${entry.username}-${entry.currency}`, playerId: `id${entry.username}`, agentId: 9, agentPrefix: 'wp', currency: entry.currency, username: entry.username },
      game: { gameId: 'pg_00001', name: 'Leprechaun Riches', category: 'slot' },
      roundId: entry.id,
      walletTxId: entry.walletTxId,
      providerTxId: `p${entry.walletTxId}`,
      txType: { id: { Bet: 1, Settle: 2, Deposit: 100, Withdraw: 101 }[entry.label], label: entry.label, flag: '' },
      amount: { providerCurrency: entry.currency, playerCurrency: entry.currency, amount: { providerAmount: delta, playerAmount: delta } },
      walletBeforeBalance: centsText(entry.beforeCents),
      walletAfterBalance: centsText(entry.afterCents),
      receivedAt: entry.receivedAt,
    };
  }
}
