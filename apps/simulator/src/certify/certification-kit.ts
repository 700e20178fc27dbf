import { AMOUNT_SCALE, Money, currencyCodeOf } from '@wallet-platform/money';
import type { JsonFragment } from '../protocol/json-text';
import { OperatorClient, OperatorCommand, resultCodeOf, type OperatorCall, type PreparedRequest, type RequestFaults } from '../protocol/operator-client';
import { describe, moneyField, textField } from '../protocol/operator-response';
import { PlatformIdSequence } from '../protocol/platform-id-sequence';
import { balanceData, changeBalanceData, TransactionType, type ChangeBalanceRequest } from '../protocol/request-data';
import type { CertificationFixtures, TestPlayer } from './certification-fixtures';

/** What a scenario checked last: shown in the table whether it passed or not. */
export interface ScenarioOutcome {
  readonly expected: string;
  readonly got: string;
}

/** A check that did not hold: the scenario stops there and reports this pair. */
export class ScenarioFailure extends Error {
  constructor(
    readonly expected: string,
    readonly got: string,
  ) {
    super(`expected ${expected}, got ${got}`);
    this.name = 'ScenarioFailure';
  }
}

export function check(expected: string, got: string): ScenarioOutcome {
  if (expected !== got) throw new ScenarioFailure(expected, got);
  return { expected, got };
}

/**
 * What every scenario works with: the operator under test, its test accounts, fresh ids, and the
 * record of every call made so far (the "on every response" scenarios read it at the end).
 */
export class CertificationContext {
  readonly calls: OperatorCall[] = [];
  readonly ids: PlatformIdSequence;

  constructor(
    readonly client: OperatorClient,
    readonly fixtures: CertificationFixtures,
    startedAtMs = Date.now(),
  ) {
    this.ids = new PlatformIdSequence(startedAtMs);
  }

  get secretKey(): string {
    return this.client.endpoint.secretKey;
  }

  async call(command: OperatorCommand, data: JsonFragment, faults: RequestFaults = {}): Promise<OperatorCall> {
    return this.record(await this.client.call(command, data, faults));
  }

  async send(request: PreparedRequest): Promise<OperatorCall> {
    return this.record(await this.client.send(request));
  }

  /** The live balance; a scenario cannot go on without it, so anything but OK fails it. */
  async balanceOf(player: TestPlayer): Promise<Money> {
    const call = await this.call(OperatorCommand.Balance, balanceData({ token: player.token, userId: player.user_id, currency: player.currency }));
    if (resultCodeOf(call) !== 'OK') throw new ScenarioFailure(`balance of ${player.user_id}: OK`, describeCall(call));
    return moneyField(call.response!.data, 'balance', player.currency);
  }

  /** A changebalance for `player` in a new round unless one is given, prepared (so it can be resent byte for byte). */
  changeBalance(player: TestPlayer, fields: Partial<ChangeBalanceRequest> & { type: TransactionType; amount: string }): { request: PreparedRequest; fields: ChangeBalanceRequest } {
    const complete: ChangeBalanceRequest = {
      token: player.token,
      userId: player.user_id,
      transactionId: this.ids.next(),
      roundId: fields.roundId ?? this.ids.next(),
      roundFinished: false,
      gameId: player.game_id,
      currency: player.currency,
      moment: new Date(),
      ...fields,
    };
    return { request: this.client.prepare(OperatorCommand.ChangeBalance, changeBalanceData(complete)), fields: complete };
  }

  async bet(player: TestPlayer, amount: string, fields: Partial<ChangeBalanceRequest> = {}): Promise<{ call: OperatorCall; fields: ChangeBalanceRequest; request: PreparedRequest }> {
    const prepared = this.changeBalance(player, { ...fields, type: TransactionType.Bet, amount });
    return { ...prepared, call: await this.send(prepared.request) };
  }

  private record(call: OperatorCall): OperatorCall {
    this.calls.push(call);
    return call;
  }
}

export function money(literal: string, player: TestPlayer): Money {
  return Money.parseOrThrow(literal, AMOUNT_SCALE, currencyCodeOf(player.currency));
}

/** "OK balance 998.75", "ERROR OP_31 (Insufficient funds)", "HTTP 403", "TIMEOUT (...)". */
export function describeCall(call: OperatorCall): string {
  const code = resultCodeOf(call);
  const response = call.response;
  if (response?.status === 'OK') {
    const balance = response.data['balance'];
    return balance === undefined ? 'OK' : `OK balance ${describe(balance)}`;
  }
  if (response) return `ERROR ${code} (${textField(response.data, 'error_message') ?? 'no message'})`;
  if (call.httpStatus !== null && call.httpStatus !== 200) return `HTTP ${call.httpStatus}`;
  return `${code} (${call.problem ?? 'no detail'})`;
}

/** The call must have answered OK; otherwise the scenario fails naming what came instead. */
export function requireOk(call: OperatorCall, what: string): NonNullable<OperatorCall['response']> {
  if (resultCodeOf(call) !== 'OK') throw new ScenarioFailure(`${what}: OK`, describeCall(call));
  return call.response!;
}

export function okBalance(call: OperatorCall, what: string, player: TestPlayer): Money {
  const response = requireOk(call, what);
  try {
    return moneyField(response.data, 'balance', player.currency);
  } catch (error) {
    throw new ScenarioFailure(`${what}: a DECIMAL(18,2) balance`, error instanceof Error ? error.message : String(error));
  }
}

/** The call must have answered `expectedCode` (OK, OP_xx, HTTP_403); the table shows the whole answer. */
export function checkCode(call: OperatorCall, expectedCode: string, what = ''): ScenarioOutcome {
  const prefix = what === '' ? '' : `${what}: `;
  const got = `${prefix}${describeCall(call)}`;
  if (resultCodeOf(call) !== expectedCode) throw new ScenarioFailure(`${prefix}${expectedCode}`, got);
  return { expected: `${prefix}${expectedCode}`, got };
}

/** Several checks of one scenario shown as one row: "OP_31; balance after … 999.25". */
export function both(...outcomes: readonly ScenarioOutcome[]): ScenarioOutcome {
  return { expected: outcomes.map((outcome) => outcome.expected).join('; '), got: outcomes.map((outcome) => outcome.got).join('; ') };
}

/** Balances compared as exact decimals, shown with their two decimals. */
export function checkBalance(what: string, expected: Money, got: Money): ScenarioOutcome {
  return check(`${what} ${expected.toDecimalString()}`, `${what} ${got.toDecimalString()}`);
}
