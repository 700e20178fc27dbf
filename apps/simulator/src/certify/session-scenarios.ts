import { OperatorCommand } from '../protocol/operator-client';
import { textField } from '../protocol/operator-response';
import { authenticateData, balanceData } from '../protocol/request-data';
import { authorizationHeaderFor, sha1Hex } from '../protocol/operator-signing';
import { CertificationContext, check, checkBalance, checkCode, okBalance, requireOk, type ScenarioOutcome } from './certification-kit';

/** A token that is well formed (20-50 of [A-Za-z0-9]) and was never issued. */
export const UNKNOWN_TOKEN = 'CertificationUnknownToken0000000000';
/** A currency no test player has. */
const FOREIGN_CURRENCY = 'XTS';

export async function authenticateOk(context: CertificationContext): Promise<ScenarioOutcome> {
  const player = context.fixtures.funded;
  const call = await context.call(OperatorCommand.Authenticate, authenticateData(player.token));
  const response = requireOk(call, 'authenticate');
  const balance = okBalance(call, 'authenticate', player);
  // user_name and user_country are required by the spec; their values are the operator's own.
  check(
    `user_id ${player.user_id}, currency_code ${player.currency}, user_name and user_country present`,
    `user_id ${textField(response.data, 'user_id') ?? 'missing'}, currency_code ${textField(response.data, 'currency_code') ?? 'missing'}, ` +
      `user_name and user_country ${textField(response.data, 'user_name') && textField(response.data, 'user_country') ? 'present' : 'not both present'}`,
  );
  const live = await context.balanceOf(player);
  return checkBalance('authenticate balance equals balance', live, balance);
}

export async function authenticateUnknownTokenOp21(context: CertificationContext): Promise<ScenarioOutcome> {
  return checkCode(await context.call(OperatorCommand.Authenticate, authenticateData(UNKNOWN_TOKEN)), 'OP_21');
}

export async function balanceOk(context: CertificationContext): Promise<ScenarioOutcome> {
  const player = context.fixtures.funded;
  const call = await context.call(OperatorCommand.Balance, balanceData({ token: player.token, userId: player.user_id, currency: player.currency }));
  const response = requireOk(call, 'balance');
  okBalance(call, 'balance', player);
  return check(`OK currency_code ${player.currency}`, `OK currency_code ${textField(response.data, 'currency_code') ?? 'missing'}`);
}

export async function balanceWrongCurrencyOp30(context: CertificationContext): Promise<ScenarioOutcome> {
  const player = context.fixtures.funded;
  const currency = player.currency === FOREIGN_CURRENCY ? 'XXX' : FOREIGN_CURRENCY;
  return checkCode(await context.call(OperatorCommand.Balance, balanceData({ token: player.token, userId: player.user_id, currency })), 'OP_30');
}

export async function balanceUnknownUserOp34(context: CertificationContext): Promise<ScenarioOutcome> {
  const player = context.fixtures.funded;
  const call = await context.call(OperatorCommand.Balance, balanceData({ token: player.token, userId: `unknown-${context.ids.next()}`, currency: player.currency }));
  return checkCode(call, 'OP_34');
}

export async function balanceBadTokenOp21(context: CertificationContext): Promise<ScenarioOutcome> {
  const player = context.fixtures.funded;
  return checkCode(await context.call(OperatorCommand.Balance, balanceData({ token: UNKNOWN_TOKEN, userId: player.user_id, currency: player.currency })), 'OP_21');
}

export async function balanceBlockedPlayerOp33(context: CertificationContext): Promise<ScenarioOutcome> {
  const player = context.fixtures.blocked;
  return checkCode(await context.call(OperatorCommand.Balance, balanceData({ token: player.token, userId: player.user_id, currency: player.currency })), 'OP_33');
}

export async function wrongAuthorizationHttp403(context: CertificationContext): Promise<ScenarioOutcome> {
  const player = context.fixtures.funded;
  const call = await context.call(OperatorCommand.Balance, balanceData({ token: player.token, userId: player.user_id, currency: player.currency }), {
    authorization: authorizationHeaderFor(OperatorCommand.Balance, `${context.secretKey}-not`),
  });
  return checkCode(call, 'HTTP_403');
}

export async function missingAuthorizationHttp403(context: CertificationContext): Promise<ScenarioOutcome> {
  const player = context.fixtures.funded;
  const call = await context.call(OperatorCommand.Balance, balanceData({ token: player.token, userId: player.user_id, currency: player.currency }), { authorization: null });
  return checkCode(call, 'HTTP_403');
}

export async function badBodyHashOp20(context: CertificationContext): Promise<ScenarioOutcome> {
  const player = context.fixtures.funded;
  const call = await context.call(OperatorCommand.Balance, balanceData({ token: player.token, userId: player.user_id, currency: player.currency }), {
    hash: sha1Hex('not the request hash'),
  });
  return checkCode(call, 'OP_20');
}

export async function pingGet200(context: CertificationContext): Promise<ScenarioOutcome> {
  const answer = await context.client.ping();
  return check('HTTP 200', answer.httpStatus === null ? `no answer (${answer.problem ?? ''})` : `HTTP ${answer.httpStatus}`);
}
