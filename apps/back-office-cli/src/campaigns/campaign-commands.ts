import { readFileSync, statSync } from 'node:fs';
import type { CampaignSettlementView, CreateCampaignRequest } from '../api/back-office-api.interface';
import type { CommandContext, CommandDefinition } from '../cli/commands';
import type { ProgressClock } from '../catalog/sync-progress';
import { positiveAmount } from '../input/amount-argument';
import type { ParsedArguments } from '../input/argument-parser';
import { UsageError } from '../input/input-errors';
import { ExitCode } from '../render/error-view';

/** The API's bound on one add-players call; a longer file goes in several calls. */
export const PLAYERS_PER_CALL_MAX = 10_000;
/** A players file: at most the API's 200,000 players of up to 100 characters, one per line. */
export const PLAYERS_FILE_BYTES_MAX = 200_000 * 102;
/** Polls of the settlement while a grant runs: once a second, for at most two hours. */
export const GRANT_POLL_INTERVAL_MS = 1_000;
export const GRANT_POLLS_MAX = 7_200;

const text = (args: ParsedArguments, name: string): string | undefined => {
  const value = args.options[name];
  return typeof value === 'string' ? value : undefined;
};
const required = (args: ParsedArguments, name: string, command: string): string => {
  const value = text(args, name);
  if (value === undefined) throw new UsageError(`--${name} is required`, command);
  return value;
};

function print(context: CommandContext, value: unknown, lines: string): void {
  context.output.stdout(context.args.json ? `${JSON.stringify(value, null, 2)}\n` : lines);
}

/** One line of counts, the same in the live progress and the final summary. */
export function grantCountsLine(settlement: CampaignSettlementView): string {
  const p = settlement.players;
  return `granted ${p.granted} · rejected ${p.rejected} · unknown ${p.unknown} · pending ${p.pending} · skipped ${p.skipped} · of ${p.total}`;
}

export function settlementText(settlement: CampaignSettlementView): string {
  const map = (record: Readonly<Record<string, number | string>>) => Object.entries(record).map(([key, value]) => `${key} ${value}`).join(', ') || '-';
  return [
    `campaign      ${settlement.campaign} (${settlement.state}${settlement.granting ? ', granting' : ''})`,
    `players       ${grantCountsLine(settlement)}`,
    `              played ${settlement.players.played} · expired ${settlement.players.expired} · canceled ${settlement.players.canceled}`,
    `skipped for   ${map(settlement.skipReasons)}`,
    `rejected by   ${map(settlement.rejectionCodes)}`,
    `rounds        ${settlement.roundsGranted}`,
    `cost          ${map(settlement.costByCurrency)} (face value of the rounds)`,
    `free-spin won ${map(settlement.winsByCurrency.freeSpins)}`,
    `promo won     ${map(settlement.winsByCurrency.promo)}`,
    `paid          ${map(settlement.paidByCurrency)}`,
    '',
  ].join('\n');
}

function waitMs(clock: ProgressClock, durationMs: number): Promise<void> {
  return new Promise((resolve) => {
    const stop = clock.every(durationMs, () => {
      stop();
      resolve();
    });
  });
}

/**
 * Starts the grant (or finds it running) and follows the settlement until the run ends, redrawing
 * one progress line on a terminal. Exit 1 when grants are left unknown or pending: run it again,
 * the same references are sent and nobody is granted twice.
 */
async function grant(context: CommandContext): Promise<ExitCode> {
  const { promotions, output, args, clock } = context;
  const reference = args.positionals['REFERENCE'];
  const started = await promotions.startCampaignGrant(reference);
  output.stderr(started.started ? `grant of ${reference} started\n` : `a grant of ${reference} is already running; following it\n`);
  let settlement = await promotions.campaignSettlement(reference);
  for (let polls = 0; settlement.granting && polls < GRANT_POLLS_MAX; polls++) {
    if (output.stderrIsTerminal) output.stderr(`\r\u001b[2K${grantCountsLine(settlement)}`);
    await waitMs(clock, GRANT_POLL_INTERVAL_MS);
    settlement = await promotions.campaignSettlement(reference);
  }
  if (output.stderrIsTerminal) output.stderr('\r\u001b[2K');
  print(context, settlement, `${grantCountsLine(settlement)}\n`);
  if (settlement.granting) {
    output.stderr(`still granting after ${GRANT_POLLS_MAX} polls: follow it with bo campaigns settlement ${reference}\n`);
    return ExitCode.Failed;
  }
  if (settlement.players.unknown > 0 || settlement.players.pending > 0) {
    output.stderr(`${settlement.players.unknown} unknown, ${settlement.players.pending} pending: run bo campaigns grant ${reference} again (the same grants are resent, none twice)\n`);
    return ExitCode.Failed;
  }
  return ExitCode.Ok;
}

async function addPlayers(context: CommandContext): Promise<ExitCode> {
  const { promotions, args, output } = context;
  const reference = args.positionals['REFERENCE'];
  const path = required(args, 'file', 'campaigns add-players');
  const size = statSync(path).size;
  if (size > PLAYERS_FILE_BYTES_MAX) throw new UsageError(`${path} is larger than ${PLAYERS_FILE_BYTES_MAX} bytes`, 'campaigns add-players');
  const playerIds = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const total = { received: 0, added: 0, skipped: 0, alreadyInCampaign: 0 };
  for (let start = 0; start < playerIds.length; start += PLAYERS_PER_CALL_MAX) {
    const result = await promotions.addCampaignPlayers(reference, playerIds.slice(start, start + PLAYERS_PER_CALL_MAX));
    total.received += result.received;
    total.added += result.added;
    total.skipped += result.skipped;
    total.alreadyInCampaign += result.alreadyInCampaign;
    output.stderr(`sent ${Math.min(start + PLAYERS_PER_CALL_MAX, playerIds.length)} of ${playerIds.length}\n`);
  }
  print(context, total, `added ${total.added} (of which skipped ${total.skipped}), already in the campaign ${total.alreadyInCampaign}, of ${total.received} read\n`);
  return ExitCode.Ok;
}

export const CAMPAIGN_COMMANDS: readonly CommandDefinition[] = [
  {
    group: 'campaigns',
    name: 'create',
    summary: 'a free-round campaign (players are added next)',
    positionals: ['REFERENCE'],
    options: {
      name: { type: 'string', value: 'NAME', required: true, description: 'what the CRM team calls it' },
      platform: { type: 'string', value: 'P', required: true, description: 'platform whose free-rounds API grants it' },
      game: { type: 'string', value: 'GAME_ID', required: true, description: 'the one game of the rounds' },
      rounds: { type: 'string', value: 'N', required: true, description: 'free rounds per player, 1-1000' },
      bet: { type: 'string', value: 'AMOUNT', required: true, description: 'bet of one round, e.g. 0.10' },
      currency: { type: 'string', value: 'CUR', required: true, description: 'campaign currency; players of another are skipped' },
      'valid-until': { type: 'string', value: 'TIME', required: true, description: 'ISO 8601, e.g. 2026-12-31T23:59:59Z' },
      kind: { type: 'string', value: 'K', description: 'freeRounds (default) or freeRoundsByBet' },
      provider: { type: 'string', value: 'NAME', description: 'choice-gaming (default) or aggregator (the platform is then the aggregator id)' },
    },
    run: async (context) => {
      const { args } = context;
      const rounds = required(args, 'rounds', 'campaigns create');
      if (!/^[0-9]{1,4}$/.test(rounds)) throw new UsageError('--rounds must be a whole number', 'campaigns create');
      const kind = text(args, 'kind') ?? 'freeRounds';
      if (kind !== 'freeRounds' && kind !== 'freeRoundsByBet') throw new UsageError('--kind must be freeRounds or freeRoundsByBet', 'campaigns create');
      const request: CreateCampaignRequest = {
        reference: args.positionals['REFERENCE'],
        name: required(args, 'name', 'campaigns create'),
        provider: text(args, 'provider') ?? 'choice-gaming',
        platformId: required(args, 'platform', 'campaigns create'),
        kind,
        gameId: required(args, 'game', 'campaigns create'),
        roundsCount: Number(rounds),
        betAmount: positiveAmount('betAmount', required(args, 'bet', 'campaigns create')),
        currency: required(args, 'currency', 'campaigns create'),
        validUntil: required(args, 'valid-until', 'campaigns create'),
      };
      const campaign = await context.promotions.createCampaign(request);
      print(context, campaign, `campaign ${campaign.reference} created (${campaign.state}): ${campaign.roundsCount} × ${campaign.betAmount} ${campaign.currency} on game ${campaign.gameId}\n`);
      return ExitCode.Ok;
    },
  },
  {
    group: 'campaigns',
    name: 'list',
    summary: 'the newest campaigns first, narrowed by provider, platform or state',
    positionals: [],
    options: {
      provider: { type: 'string', value: 'NAME', description: 'choice-gaming or aggregator' },
      platform: { type: 'string', value: 'P', description: 'the platform (or aggregator) id' },
      state: { type: 'string', value: 'S', description: 'draft, granting, completed or canceled' },
      limit: { type: 'string', value: 'N', description: 'at most this many, 1-100 (default 50)' },
    },
    run: async (context) => {
      const { args } = context;
      const limit = text(args, 'limit');
      if (limit !== undefined && !/^[1-9][0-9]{0,2}$/.test(limit)) throw new UsageError('--limit must be a whole number from 1 to 100', 'campaigns list');
      const listed = await context.promotions.listCampaigns({ provider: text(args, 'provider'), platformId: text(args, 'platform'), state: text(args, 'state'), limit: limit === undefined ? undefined : Number(limit) });
      const lines = listed.items.map((campaign) => `${campaign.reference}\t${campaign.state}\t${campaign.provider}/${campaign.platformId}\t${campaign.roundsCount} × ${campaign.betAmount} ${campaign.currency}\tuntil ${campaign.validUntil}\n`).join('');
      print(context, listed, `${lines}${listed.hasMore ? 'more campaigns match: narrow the filter or raise --limit\n' : ''}`);
      return ExitCode.Ok;
    },
  },
  {
    group: 'campaigns',
    name: 'add-players',
    summary: 'players from a file, one id per line; the ineligible are kept as skipped with a reason',
    positionals: ['REFERENCE'],
    options: { file: { type: 'string', value: 'PATH', required: true, description: 'one player id per line (# starts a comment)' } },
    run: addPlayers,
  },
  {
    group: 'campaigns',
    name: 'grant',
    summary: 'grant the rounds through the provider, with a live progress line; exit 1 if any is left unknown',
    positionals: ['REFERENCE'],
    options: {},
    run: grant,
  },
  {
    group: 'campaigns',
    name: 'cancel',
    summary: 'send no more grants; pending ones are canceled; granted rounds are revoked where the provider can (aggregator); exit 1 if any is not',
    positionals: ['REFERENCE'],
    options: {},
    run: async (context) => {
      const result = await context.promotions.cancelCampaign(context.args.positionals['REFERENCE']);
      const notRevoked = result.notRevoked.map((grant) => `not revoked: ${grant.playerId} (${grant.outcome}: ${grant.detail})\n`).join('');
      const left = result.revokesLeft > 0 ? `${result.revokesLeft} granted grants not tried yet: cancel again\n` : '';
      print(context, result, `canceled; ${result.canceledGrants} pending grants will not be sent, ${result.revokedGrants} granted revoked\n${notRevoked}${left}`);
      return result.notRevoked.length > 0 || result.revokesLeft > 0 ? ExitCode.Failed : ExitCode.Ok;
    },
  },
  {
    group: 'campaigns',
    name: 'settlement',
    summary: 'players by state, skip reasons, rejection codes, rounds granted and cost by currency',
    positionals: ['REFERENCE'],
    options: {},
    run: async (context) => {
      const settlement = await context.promotions.campaignSettlement(context.args.positionals['REFERENCE']);
      print(context, settlement, settlementText(settlement));
      return ExitCode.Ok;
    },
  },
];
