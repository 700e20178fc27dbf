import type { AggregatorTransferDirection, AggregatorTransferView } from '../api/back-office-api.interface';
import { BackOfficeApiError, BackOfficeUnreachableError } from '../api/back-office-api-error';
import type { CommandContext, CommandDefinition } from '../cli/commands';
import { idempotencyKey, positiveAmount } from '../input/amount-argument';
import type { ParsedArguments } from '../input/argument-parser';
import { UsageError } from '../input/input-errors';
import { ExitCode } from '../render/error-view';
import { NULL_TEXT, renderTable, type Column } from '../render/text-table';

/** States in which the money is still in transit (the resolver, or support, finishes them). */
const OPEN_STATES: ReadonlySet<string> = new Set(['pending', 'sending', 'unknown']);

const TRANSFER_COLUMNS: readonly Column<AggregatorTransferView>[] = [
  { header: 'TRANSFER', value: (transfer) => transfer.id },
  { header: 'CREATED', value: (transfer) => transfer.createdAt },
  { header: 'AGGREGATOR', value: (transfer) => transfer.aggregatorId },
  { header: 'DIRECTION', value: (transfer) => transfer.direction },
  { header: 'AMOUNT', value: (transfer) => transfer.amount, align: 'right' },
  { header: 'CUR', value: (transfer) => transfer.currency },
  { header: 'STATE', value: (transfer) => transfer.state },
  { header: 'TRIES', value: (transfer) => String(transfer.resolutionAttempts), align: 'right' },
  { header: 'BY', value: (transfer) => transfer.settledBy ?? NULL_TEXT },
  { header: 'NOTE', value: (transfer) => transfer.outcomeNote ?? NULL_TEXT, widthMax: 60 },
];

const text = (args: ParsedArguments, name: string): string | undefined => {
  const value = args.options[name];
  return typeof value === 'string' ? value : undefined;
};

function transferText(transfer: AggregatorTransferView): string {
  const open = OPEN_STATES.has(transfer.state);
  return [
    `transfer      ${transfer.id}`,
    `${transfer.direction.padEnd(13)} ${transfer.amount} ${transfer.currency} (${transfer.aggregatorId}, player ${transfer.playerId})`,
    `state         ${transfer.state}${open ? ': the money is in transit until resolved (bo transfers open)' : ''}`,
    `key           ${transfer.idempotencyKey}`,
    `note          ${transfer.outcomeNote ?? NULL_TEXT}`,
    '',
  ].join('\n');
}

function printTransfer(context: CommandContext, transfer: AggregatorTransferView): ExitCode {
  context.output.stdout(context.args.json ? `${JSON.stringify(transfer, null, 2)}\n` : transferText(transfer));
  // Still open: the operator should know the command did not finish the transfer.
  return OPEN_STATES.has(transfer.state) ? ExitCode.Failed : ExitCode.Ok;
}

function printTransfers(context: CommandContext, transfers: readonly AggregatorTransferView[]): ExitCode {
  context.output.stdout(context.args.json ? `${JSON.stringify(transfers, null, 2)}\n` : renderTable(transfers, TRANSFER_COLUMNS));
  return ExitCode.Ok;
}

/**
 * A transfer to or from an aggregator. As with the cashier, the idempotency key is settled and
 * printed before the request leaves: after a lost answer the same command with --key finds the
 * transfer, and the aggregator is never called twice for it.
 */
async function move(context: CommandContext, direction: AggregatorTransferDirection): Promise<ExitCode> {
  const { args, output } = context;
  const typed = args.positionals['AMOUNT'];
  const amount = typed === 'all' ? typed : positiveAmount('amount', typed);
  const given = text(args, 'key');
  const key = given === undefined ? `aggregator-${context.newIdempotencyKey(direction === 'deposit' ? 'deposit' : 'withdrawal')}` : idempotencyKey('idempotencyKey', given);
  if (given === undefined) output.stderr(`idempotency key: ${key} (to retry this transfer safely, add --key ${key})\n`);
  try {
    return printTransfer(context, await context.client.aggregatorTransfer(args.positionals['PLAYER_ID'], { aggregatorId: args.positionals['AGGREGATOR'], direction, amount, idempotencyKey: key }));
  } catch (error) {
    if (error instanceof BackOfficeUnreachableError || (error instanceof BackOfficeApiError && error.outcomeUnknown)) {
      output.stderr(`the transfer may or may not have started: run the same command with --key ${key} (never a new key)\n`);
    }
    throw error;
  }
}

const KEY_OPTION = { key: { type: 'string', value: 'IDEMPOTENCY_KEY', description: 'retry an earlier request: the transfer is made at most once (generated and printed when absent)' } } as const;

export const TRANSFER_COMMANDS: readonly CommandDefinition[] = [
  {
    group: 'transfers',
    name: 'to',
    summary: "move money from the player's wallet to an aggregator (AMOUNT or all); exit 1 while it is in transit",
    positionals: ['PLAYER_ID', 'AGGREGATOR', 'AMOUNT'],
    options: KEY_OPTION,
    run: (context) => move(context, 'deposit'),
  },
  {
    group: 'transfers',
    name: 'from',
    summary: 'move money back from an aggregator to the wallet (AMOUNT or all); exit 1 while it is in transit',
    positionals: ['PLAYER_ID', 'AGGREGATOR', 'AMOUNT'],
    options: KEY_OPTION,
    run: (context) => move(context, 'withdraw'),
  },
  {
    group: 'transfers',
    name: 'list',
    summary: "a player's transfers, newest first",
    positionals: ['PLAYER_ID'],
    options: {},
    run: async (context) => printTransfers(context, await context.client.playerAggregatorTransfers(context.args.positionals['PLAYER_ID'])),
  },
  {
    group: 'transfers',
    name: 'open',
    summary: 'every transfer still in transit (pending, sending, unknown), oldest first: the support queue',
    positionals: [],
    options: {},
    run: async (context) => printTransfers(context, await context.client.openAggregatorTransfers()),
  },
  {
    group: 'transfers',
    name: 'resolve',
    summary: "ask the aggregator again now (its history and balance; never a resend)",
    positionals: ['TRANSFER_ID'],
    options: {},
    run: async (context) => printTransfer(context, await context.client.resolveAggregatorTransfer(context.args.positionals['TRANSFER_ID'])),
  },
  {
    group: 'transfers',
    name: 'settle',
    summary: "support's decision on an unknown transfer, after checking with the aggregator",
    positionals: ['TRANSFER_ID', 'OUTCOME'],
    positionalLabels: { OUTCOME: 'posted|voided' },
    options: {
      reason: { type: 'string', value: 'R', required: true, description: 'what the aggregator confirmed, with its ticket (3-300 characters)' },
      'wallet-tx': { type: 'string', value: 'ID', description: "the aggregator's wallet tx id of the transfer (posted)" },
    },
    run: async (context) => {
      const outcome = context.args.positionals['OUTCOME'];
      if (outcome !== 'posted' && outcome !== 'voided') throw new UsageError(`OUTCOME must be posted or voided; got ${JSON.stringify(outcome)}`, 'transfers settle');
      const walletTxId = text(context.args, 'wallet-tx');
      return printTransfer(
        context,
        await context.client.settleAggregatorTransfer(context.args.positionals['TRANSFER_ID'], { outcome, reason: text(context.args, 'reason') as string, ...(walletTxId === undefined ? {} : { walletTxId }) }),
      );
    },
  },
  {
    group: 'transfers',
    name: 'balance-check',
    summary: "what the ledger holds at an aggregator against the players' balances there (difference: their play, or drift)",
    positionals: ['AGGREGATOR'],
    options: {},
    run: async (context) => {
      const check = await context.client.aggregatorBalanceCheck(context.args.positionals['AGGREGATOR']);
      if (context.args.json) {
        context.output.stdout(`${JSON.stringify(check, null, 2)}\n`);
      } else {
        context.output.stdout(
          renderTable(check.rows, [
            { header: 'OPERATOR', value: (row) => row.operatorId },
            { header: 'CUR', value: (row) => row.currency },
            { header: 'HELD', value: (row) => row.held, align: 'right' },
            { header: 'IN TRANSIT', value: (row) => row.inTransit, align: 'right' },
            { header: 'THERE', value: (row) => row.balancesThere, align: 'right' },
            { header: 'DIFFERENCE', value: (row) => row.difference, align: 'right' },
            { header: 'PLAYERS', value: (row) => String(row.players), align: 'right' },
            { header: 'UNREADABLE', value: (row) => String(row.unreadable), align: 'right' },
          ]) + (check.complete ? '' : 'warning: more players than one check reads; the sums are partial\n'),
        );
      }
      return check.complete && check.rows.every((row) => row.unreadable === 0) ? ExitCode.Ok : ExitCode.Failed;
    },
  },
];
