import { AMOUNT_SCALE, Money, currencyCodeOf } from '@wallet-platform/money';
import { TransactionType } from '../protocol/request-data';
import { CertificationContext, both, check, checkBalance, checkCode, money, okBalance, type ScenarioOutcome } from './certification-kit';

/**
 * changebalance as the certification checklist lists it: each function one line of the list, each
 * reading the live balance first and checking the exact change, so the scenarios can run in any
 * order and on test accounts that were used before.
 */
export async function betOkBalanceDecreasesExactly(context: CertificationContext): Promise<ScenarioOutcome> {
  const player = context.fixtures.funded;
  const before = await context.balanceOf(player);
  const { call } = await context.bet(player, '1.25');
  const expected = before.subtract(money('1.25', player));
  checkBalance('BET response balance', expected, okBalance(call, 'BET', player));
  return checkBalance('balance after BET', expected, await context.balanceOf(player));
}

export async function identicalBetRetryAppliedOnce(context: CertificationContext): Promise<ScenarioOutcome> {
  const player = context.fixtures.funded;
  const before = await context.balanceOf(player);
  const { call, request } = await context.bet(player, '0.50');
  const first = okBalance(call, 'BET', player);
  // The platform did not get (or trust) the first answer and sends the very same bytes again.
  const retry = okBalance(await context.send(request), 'identical BET retry', player);
  checkBalance('retry response balance', first, retry);
  return checkBalance('balance after BET and its retry', before.subtract(money('0.50', player)), await context.balanceOf(player));
}

export async function sameTransactionIdDifferentAmountOp40(context: CertificationContext): Promise<ScenarioOutcome> {
  const player = context.fixtures.funded;
  const { call, fields } = await context.bet(player, '0.50');
  const afterFirst = okBalance(call, 'first BET', player);
  const { call: changed } = await context.bet(player, '0.60', { transactionId: fields.transactionId, roundId: fields.roundId });
  const code = checkCode(changed, 'OP_40', 'same transaction id, amount 0.60');
  return both(code, checkBalance('balance after the refused duplicate', afterFirst, await context.balanceOf(player)));
}

export async function winOkWithNullToken(context: CertificationContext): Promise<ScenarioOutcome> {
  const player = context.fixtures.funded;
  const before = await context.balanceOf(player);
  const { call: bet, fields } = await context.bet(player, '1.00');
  okBalance(bet, 'BET', player);
  const win = context.changeBalance(player, { type: TransactionType.Win, amount: '2.50', token: null, roundId: fields.roundId, roundFinished: true });
  const winBalance = okBalance(await context.send(win.request), 'WIN with token null', player);
  const expected = before.subtract(money('1.00', player)).add(money('2.50', player));
  checkBalance('WIN response balance', expected, winBalance);
  return checkBalance('balance after BET 1.00 and WIN 2.50', expected, await context.balanceOf(player));
}

export async function refundOk(context: CertificationContext): Promise<ScenarioOutcome> {
  const player = context.fixtures.funded;
  const before = await context.balanceOf(player);
  const { call: bet, fields } = await context.bet(player, '1.00');
  okBalance(bet, 'BET', player);
  const refund = context.changeBalance(player, { type: TransactionType.Refund, amount: '1.00', roundId: fields.roundId, roundFinished: true });
  checkBalance('REFUND response balance', before, okBalance(await context.send(refund.request), 'REFUND', player));
  return checkBalance('balance after BET 1.00 and REFUND 1.00', before, await context.balanceOf(player));
}

export async function betOverBalanceOp31(context: CertificationContext): Promise<ScenarioOutcome> {
  const player = context.fixtures.funded;
  const before = await context.balanceOf(player);
  const stake = before.add(money('1.00', player));
  const { call } = await context.bet(player, stake.toDecimalString());
  const code = checkCode(call, 'OP_31', `BET ${stake.toDecimalString()} over balance ${before.toDecimalString()}`);
  return both(code, checkBalance('balance after the refused BET', before, await context.balanceOf(player)));
}

export async function betOverDailyWagerLimitOp32(context: CertificationContext): Promise<ScenarioOutcome> {
  const player = context.fixtures.wager_limited;
  const before = await context.balanceOf(player);
  const stake = money(player.daily_wager_limit, player).add(money('0.01', player));
  if (stake.compare(before) > 0) throw new Error(`fixture wager_limited must hold more than its limit + 0.01 (${stake.toDecimalString()}), has ${before.toDecimalString()}`);
  const { call } = await context.bet(player, stake.toDecimalString());
  const code = checkCode(call, 'OP_32', `BET ${stake.toDecimalString()} over daily wager limit ${player.daily_wager_limit}`);
  return both(code, checkBalance('balance after the refused BET', before, await context.balanceOf(player)));
}

export async function betOnDisabledGameOp35(context: CertificationContext): Promise<ScenarioOutcome> {
  const player = context.fixtures.disabled_game;
  return checkCode((await context.bet(player, '1.00')).call, 'OP_35', `BET on disabled game ${player.game_id}`);
}

export async function betOfBlockedPlayerOp33(context: CertificationContext): Promise<ScenarioOutcome> {
  return checkCode((await context.bet(context.fixtures.blocked, '1.00')).call, 'OP_33', 'BET of a blocked player');
}

export async function betWithAnotherPlayersTokenOp21(context: CertificationContext): Promise<ScenarioOutcome> {
  const { funded, second } = context.fixtures;
  const before = await context.balanceOf(funded);
  const code = checkCode((await context.bet(funded, '1.00', { token: second.token })).call, 'OP_21', "BET with another player's token");
  return both(code, checkBalance('balance after the refused BET', before, await context.balanceOf(funded)));
}

/** The classic floating-point trap: 0.1 + 0.2 must move the balance by exactly 0.30. */
export async function amountsPointOneThenPointTwoExactly(context: CertificationContext): Promise<ScenarioOutcome> {
  const player = context.fixtures.funded;
  const before = await context.balanceOf(player);
  okBalance((await context.bet(player, '0.1')).call, 'BET 0.1', player);
  const last = okBalance((await context.bet(player, '0.2')).call, 'BET 0.2', player);
  const expected = before.subtract(Money.fromMinor(30n, AMOUNT_SCALE, currencyCodeOf(player.currency)));
  checkBalance('BET 0.2 response balance', expected, last);
  const after = await context.balanceOf(player);
  return check(`change -0.30`, `change ${after.subtract(before).toDecimalString()}`);
}
