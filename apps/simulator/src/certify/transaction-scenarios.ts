import { OperatorCommand } from '../protocol/operator-client';
import { textField } from '../protocol/operator-response';
import { cancelData, finishRoundData, statusData, TransactionType, type ChangeBalanceRequest } from '../protocol/request-data';
import type { TestPlayer } from './certification-fixtures';
import { CertificationContext, ScenarioFailure, both, check, checkBalance, checkCode, describeCall, money, okBalance, requireOk, type ScenarioOutcome } from './certification-kit';

/** status, cancel and finishround: what the platform asks about transactions and rounds it sent. */
function statusOf(context: CertificationContext, fields: Pick<ChangeBalanceRequest, 'userId' | 'transactionId' | 'roundId' | 'moment'>, type: TransactionType = TransactionType.Bet) {
  return context.call(OperatorCommand.Status, statusData({ userId: fields.userId, transactionId: fields.transactionId, type, roundId: fields.roundId, moment: fields.moment }));
}

function cancelOf(context: CertificationContext, player: TestPlayer, fields: Pick<ChangeBalanceRequest, 'transactionId' | 'roundId'>) {
  return context.call(OperatorCommand.Cancel, cancelData({ userId: player.user_id, transactionId: fields.transactionId, roundId: fields.roundId, roundFinished: true, gameId: player.game_id }));
}

/** `transaction_status` of an OK status or cancel answer, with the id it names checked against ours. */
function transactionStatusOf(call: Awaited<ReturnType<typeof statusOf>>, what: string, transactionId: string): string {
  const response = requireOk(call, what);
  const echoedId = textField(response.data, 'transaction_id');
  if (echoedId !== transactionId) throw new ScenarioFailure(`${what}: transaction_id ${transactionId}`, `transaction_id ${echoedId ?? 'missing'}`);
  return textField(response.data, 'transaction_status') ?? 'missing';
}

export async function betOverBalanceStatusError(context: CertificationContext): Promise<ScenarioOutcome> {
  const player = context.fixtures.funded;
  const before = await context.balanceOf(player);
  const { call, fields } = await context.bet(player, before.add(money('1.00', player)).toDecimalString());
  checkCode(call, 'OP_31', 'BET over balance');
  return check('status of the refused BET: ERROR', `status of the refused BET: ${transactionStatusOf(await statusOf(context, fields), 'status', fields.transactionId)}`);
}

export async function statusOfAppliedBetOk(context: CertificationContext): Promise<ScenarioOutcome> {
  const player = context.fixtures.funded;
  const { call, fields } = await context.bet(player, '0.10');
  okBalance(call, 'BET', player);
  const statusCall = await statusOf(context, fields);
  const userId = textField(requireOk(statusCall, 'status').data, 'user_id');
  check(`user_id ${player.user_id}`, `user_id ${userId ?? 'missing'}`);
  return check('transaction_status OK', `transaction_status ${transactionStatusOf(statusCall, 'status', fields.transactionId)}`);
}

export async function statusOfUnknownTransactionOp41(context: CertificationContext): Promise<ScenarioOutcome> {
  const player = context.fixtures.funded;
  return checkCode(await statusOf(context, { userId: player.user_id, transactionId: context.ids.next(), roundId: context.ids.next(), moment: new Date() }), 'OP_41');
}

export async function cancelBetStakeReturnedExactly(context: CertificationContext): Promise<ScenarioOutcome> {
  const player = context.fixtures.funded;
  const before = await context.balanceOf(player);
  const { call, fields } = await context.bet(player, '2.00');
  okBalance(call, 'BET', player);
  check('cancel: CANCELED', `cancel: ${transactionStatusOf(await cancelOf(context, player, fields), 'cancel', fields.transactionId)}`);
  return checkBalance('balance after BET 2.00 and its cancel', before, await context.balanceOf(player));
}

export async function cancelAgainStakeNotReturnedTwice(context: CertificationContext): Promise<ScenarioOutcome> {
  const player = context.fixtures.funded;
  const before = await context.balanceOf(player);
  const { call, fields } = await context.bet(player, '2.00');
  okBalance(call, 'BET', player);
  check('first cancel: CANCELED', `first cancel: ${transactionStatusOf(await cancelOf(context, player, fields), 'first cancel', fields.transactionId)}`);
  check('second cancel: CANCELED', `second cancel: ${transactionStatusOf(await cancelOf(context, player, fields), 'second cancel', fields.transactionId)}`);
  return checkBalance('balance after BET 2.00 and two cancels', before, await context.balanceOf(player));
}

/** The operator must remember a cancel it could not match, so the BET that arrives late is never applied. */
export async function cancelUnknownTransactionOp41ThenLateBetRefused(context: CertificationContext): Promise<ScenarioOutcome> {
  const player = context.fixtures.funded;
  const before = await context.balanceOf(player);
  const fields = { transactionId: context.ids.next(), roundId: context.ids.next() };
  const cancel = checkCode(await cancelOf(context, player, fields), 'OP_41', 'cancel');
  const { call } = await context.bet(player, '3.00', fields);
  // Any refusal code will do (the spec fixes none); an OK, or no protocol answer at all, will not.
  const late = { expected: 'late BET: ERROR', got: `late BET: ${describeCall(call)}` };
  if (call.response?.status !== 'ERROR') throw new ScenarioFailure(late.expected, late.got);
  return both(cancel, late, checkBalance('balance', before, await context.balanceOf(player)));
}

export async function statusAfterCancelCanceled(context: CertificationContext): Promise<ScenarioOutcome> {
  const player = context.fixtures.funded;
  const { call, fields } = await context.bet(player, '0.20');
  okBalance(call, 'BET', player);
  requireOk(await cancelOf(context, player, fields), 'cancel');
  return check('transaction_status CANCELED', `transaction_status ${transactionStatusOf(await statusOf(context, fields), 'status', fields.transactionId)}`);
}

/** 20 digits, above 2^64: no integer type of a usual database or language holds it. */
export async function twentyDigitTransactionIdRoundTrip(context: CertificationContext): Promise<ScenarioOutcome> {
  const player = context.fixtures.funded;
  const transactionId = `9${context.ids.next().slice(1)}`;
  const { call, fields } = await context.bet(player, '0.01', { transactionId });
  okBalance(call, `BET with transaction_id ${transactionId}`, player);
  const echoedRequest = call.response!.request as { data?: Record<string, unknown> } | undefined;
  const echoedId = echoedRequest?.data ? textField(echoedRequest.data, 'transaction_id') : null;
  check(`echoed transaction_id ${transactionId}`, `echoed transaction_id ${echoedId ?? 'missing'}`);
  return check(`status: transaction_status OK`, `status: transaction_status ${transactionStatusOf(await statusOf(context, fields), 'status', transactionId)}`);
}

export async function finishRoundKnownRoundOk(context: CertificationContext): Promise<ScenarioOutcome> {
  const player = context.fixtures.funded;
  const { call, fields } = await context.bet(player, '0.10');
  okBalance(call, 'BET', player);
  const finish = await context.call(OperatorCommand.FinishRound, finishRoundData({ userId: player.user_id, roundId: fields.roundId, gameId: player.game_id, moment: fields.moment }));
  const data = requireOk(finish, 'finishround').data;
  return check(
    `round_id ${fields.roundId}, user_id ${player.user_id}, game_id ${player.game_id}`,
    `round_id ${textField(data, 'round_id') ?? 'missing'}, user_id ${textField(data, 'user_id') ?? 'missing'}, game_id ${textField(data, 'game_id') ?? 'missing'}`,
  );
}

export async function finishRoundUnknownRoundOp41(context: CertificationContext): Promise<ScenarioOutcome> {
  const player = context.fixtures.funded;
  const call = await context.call(OperatorCommand.FinishRound, finishRoundData({ userId: player.user_id, roundId: context.ids.next(), gameId: player.game_id, moment: new Date() }));
  return checkCode(call, 'OP_41');
}
