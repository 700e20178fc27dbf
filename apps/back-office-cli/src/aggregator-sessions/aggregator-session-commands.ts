import type { AggregatorLaunchView, AggregatorSessionEndView, AggregatorSessionView, AggregatorTransferRefView } from '../api/back-office-api.interface';
import { BackOfficeApiError, BackOfficeUnreachableError } from '../api/back-office-api-error';
import type { CommandContext, CommandDefinition } from '../cli/commands';
import { printJson } from '../cli/list-output';
import { idempotencyKey } from '../input/amount-argument';
import type { ParsedArguments } from '../input/argument-parser';
import { ExitCode } from '../render/error-view';
import { NULL_TEXT, renderTable, type Column } from '../render/text-table';

/**
 * `bo sessions aggregator-…`: a game launch at a transfer-wallet aggregator (the launch policy's
 * deposit, then the game), ending it (the money back), and a player's sessions there. As with
 * transfers, the launch's idempotency key is settled and printed before the request leaves: the
 * same command with --key continues the same launch and never moves the money twice. Exit 1 while
 * a transfer is in transit (the answer was 202).
 */

const SESSION_COLUMNS: readonly Column<AggregatorSessionView>[] = [
  { header: 'SESSION', value: (session) => session.id },
  { header: 'CREATED', value: (session) => session.createdAt },
  { header: 'AGGREGATOR', value: (session) => session.aggregatorId },
  { header: 'GAME', value: (session) => session.gameId },
  { header: 'STATE', value: (session) => session.state },
  { header: 'END', value: (session) => session.endReason ?? NULL_TEXT },
  { header: 'TRIES', value: (session) => String(session.withdrawAttempts), align: 'right' },
  { header: 'NOTE', value: (session) => session.endNote ?? NULL_TEXT, widthMax: 60 },
];

const text = (args: ParsedArguments, name: string): string | undefined => {
  const value = args.options[name];
  return typeof value === 'string' ? value : undefined;
};

function transferLine(transfer: AggregatorTransferRefView | null): string {
  return transfer === null ? 'none (nothing to move)' : `${transfer.direction} ${transfer.amount} ${transfer.currency}, ${transfer.state} (${transfer.id})`;
}

function launchText(answer: AggregatorLaunchView): string {
  const lines = [`session       ${answer.session.id} (${answer.session.aggregatorId}, game ${answer.session.gameId})`, `state         ${answer.session.state}`, `transfer      ${transferLine(answer.transfer)}`];
  switch (answer.outcome) {
    case 'launched':
      if (answer.launch?.type === 'url') lines.push(`launch url    ${answer.launch.url}`);
      else if (answer.launch?.type === 'html') lines.push('launch html   (use --json to get the page)');
      break;
    case 'deposit_in_transit':
      lines.push('outcome       deposit in transit: the resolver decides it; run the same command with the same --key later');
      break;
    case 'withdraw_in_transit':
      lines.push("outcome       the player's previous session (above) is still bringing its money back; run the same command with the same --key later");
      break;
  }
  return `${lines.join('\n')}\n`;
}

function endText(answer: AggregatorSessionEndView): string {
  const outcome = answer.outcome === 'ended' ? 'ended: the money is back' : 'withdraw in transit: the sweep, or this command again, finishes it';
  return `session       ${answer.session.id}\noutcome       ${outcome}\ntransfer      ${transferLine(answer.transfer)}\n`;
}

async function launch(context: CommandContext): Promise<ExitCode> {
  const { args, output } = context;
  const given = text(args, 'key');
  const key = given === undefined ? `aggregator-launch-${context.newIdempotencyKey('deposit')}` : idempotencyKey('idempotencyKey', given);
  if (given === undefined) output.stderr(`idempotency key: ${key} (to retry this launch safely, add --key ${key})\n`);
  const optional = (name: string, field: string) => {
    const value = text(args, name);
    return value === undefined ? {} : { [field]: value };
  };
  let answer: AggregatorLaunchView;
  try {
    answer = await context.client.launchAggregatorGame(args.positionals['PLAYER_ID'], {
      aggregatorId: args.positionals['AGGREGATOR'],
      gameId: args.positionals['GAME_ID'],
      idempotencyKey: key,
      language: text(args, 'language') as string,
      device: text(args, 'device') as 'desktop' | 'mobile',
      ...optional('player-ip', 'playerIp'),
      ...optional('lobby-url', 'lobbyUrl'),
      ...optional('cashier-url', 'cashierUrl'),
    });
  } catch (error) {
    if (error instanceof BackOfficeUnreachableError || (error instanceof BackOfficeApiError && error.outcomeUnknown)) {
      output.stderr(`the launch may or may not have moved money: run the same command with --key ${key} (never a new key)\n`);
    }
    throw error;
  }
  if (args.json) printJson(context, answer);
  else output.stdout(launchText(answer));
  return answer.outcome === 'launched' ? ExitCode.Ok : ExitCode.Failed;
}

export const AGGREGATOR_SESSION_COMMANDS: readonly CommandDefinition[] = [
  {
    group: 'sessions',
    name: 'aggregator-launch',
    summary: "launch a game at an aggregator: its launch policy's deposit, then the game (url or html); exit 1 while a transfer is in transit",
    positionals: ['PLAYER_ID', 'AGGREGATOR', 'GAME_ID'],
    options: {
      language: { type: 'string', value: 'LANG', required: true, description: 'language code, e.g. en' },
      device: { type: 'string', value: 'desktop|mobile', required: true, choices: ['desktop', 'mobile'], description: 'the player’s device' },
      'player-ip': { type: 'string', value: 'IP', description: "the player's address, for the aggregator" },
      'lobby-url': { type: 'string', value: 'URL', description: 'where the game’s lobby button leads' },
      'cashier-url': { type: 'string', value: 'URL', description: 'where the game’s cashier button leads' },
      key: { type: 'string', value: 'IDEMPOTENCY_KEY', description: 'continue an earlier launch: its money moves at most once (generated and printed when absent)' },
    },
    run: launch,
  },
  {
    group: 'sessions',
    name: 'aggregator-end',
    summary: 'end a session at an aggregator: the player’s whole balance there comes back; exit 1 while the withdraw is in transit',
    positionals: ['SESSION_ID'],
    options: {},
    run: async (context) => {
      const answer = await context.client.endAggregatorSession(context.args.positionals['SESSION_ID']);
      if (context.args.json) printJson(context, answer);
      else context.output.stdout(endText(answer));
      return answer.outcome === 'ended' ? ExitCode.Ok : ExitCode.Failed;
    },
  },
  {
    group: 'sessions',
    name: 'aggregator-list',
    summary: "a player's sessions at the aggregators, newest first",
    positionals: ['PLAYER_ID'],
    options: {},
    run: async (context) => {
      const sessions = await context.client.playerAggregatorSessions(context.args.positionals['PLAYER_ID']);
      if (context.args.json) printJson(context, sessions);
      else context.output.stdout(renderTable(sessions, SESSION_COLUMNS));
      return ExitCode.Ok;
    },
  },
];
