import type { CertificationContext, ScenarioOutcome } from './certification-kit';
import * as changebalance from './changebalance-scenarios';
import * as everyResponse from './every-response-scenarios';
import * as session from './session-scenarios';
import * as transactions from './transaction-scenarios';

export interface CertificationScenario {
  /** As the certification checklist says it; the table and the failure summary use it. */
  readonly name: string;
  readonly run: (context: CertificationContext) => Promise<ScenarioOutcome>;
}

/** The checklist, in order. The "every response" scenarios come last: they read all earlier calls. */
export const CERTIFICATION_SCENARIOS: readonly CertificationScenario[] = [
  { name: 'ping GET → 200', run: session.pingGet200 },
  { name: 'authenticate ok', run: session.authenticateOk },
  { name: 'authenticate unknown token → OP_21', run: session.authenticateUnknownTokenOp21 },
  { name: 'balance ok', run: session.balanceOk },
  { name: 'balance wrong currency → OP_30', run: session.balanceWrongCurrencyOp30 },
  { name: 'balance unknown user → OP_34', run: session.balanceUnknownUserOp34 },
  { name: 'balance bad token → OP_21', run: session.balanceBadTokenOp21 },
  { name: 'balance blocked player → OP_33', run: session.balanceBlockedPlayerOp33 },
  { name: 'wrong X-Authorization → HTTP 403', run: session.wrongAuthorizationHttp403 },
  { name: 'missing X-Authorization → HTTP 403', run: session.missingAuthorizationHttp403 },
  { name: 'bad body hash → OP_20', run: session.badBodyHashOp20 },
  { name: 'BET ok, balance decreases exactly', run: changebalance.betOkBalanceDecreasesExactly },
  { name: 'identical BET retry → same balance, applied once', run: changebalance.identicalBetRetryAppliedOnce },
  { name: 'same transaction id, different amount → OP_40', run: changebalance.sameTransactionIdDifferentAmountOp40 },
  { name: 'WIN ok with token null', run: changebalance.winOkWithNullToken },
  { name: 'REFUND ok', run: changebalance.refundOk },
  { name: 'BET over balance → OP_31', run: changebalance.betOverBalanceOp31 },
  { name: 'BET over balance → status ERROR', run: transactions.betOverBalanceStatusError },
  { name: 'BET over the daily wager limit → OP_32', run: changebalance.betOverDailyWagerLimitOp32 },
  { name: 'BET on a disabled game → OP_35', run: changebalance.betOnDisabledGameOp35 },
  { name: 'BET of a blocked player → OP_33', run: changebalance.betOfBlockedPlayerOp33 },
  { name: "BET with another player's token → OP_21", run: changebalance.betWithAnotherPlayersTokenOp21 },
  { name: 'status of an applied BET → OK', run: transactions.statusOfAppliedBetOk },
  { name: 'status of an unknown transaction → OP_41', run: transactions.statusOfUnknownTransactionOp41 },
  { name: 'cancel of a BET → CANCELED, stake returned exactly', run: transactions.cancelBetStakeReturnedExactly },
  { name: 'cancel again → CANCELED, stake not returned twice', run: transactions.cancelAgainStakeNotReturnedTwice },
  { name: 'cancel of an unknown transaction → OP_41, the late BET refused', run: transactions.cancelUnknownTransactionOp41ThenLateBetRefused },
  { name: 'status after cancel → CANCELED', run: transactions.statusAfterCancelCanceled },
  { name: '20-digit transaction id round trip', run: transactions.twentyDigitTransactionIdRoundTrip },
  { name: 'amounts 0.1 then 0.2 → balance changes by exactly 0.30', run: changebalance.amountsPointOneThenPointTwoExactly },
  { name: 'finishround of a known round → OK', run: transactions.finishRoundKnownRoundOk },
  { name: 'finishround of an unknown round → OP_41', run: transactions.finishRoundUnknownRoundOp41 },
  { name: 'response hash valid on every response', run: everyResponse.responseHashValidOnEveryResponse },
  { name: 'request echoed exactly on every response', run: everyResponse.requestEchoedExactlyOnEveryResponse },
];
