import { AMOUNT_SCALE, Money } from '@wallet-platform/money';
import { isLosslessNumber, parse, stringify } from 'lossless-json';
import type { ChangeBalanceCommand } from './operator-commands';
import { responseHashFor } from './operator-hash';
import type { RequestJsonText } from './request-body-parser';
import { decodeOperatorRequest } from './request-decoder';
import { encodeResponse } from './response-encoder';
import { signedRequestBody, TEST_SECRET_KEY, VALID_TOKEN } from './testing/signed-request';

/**
 * Scenario: a WIN of 0.1 for transaction 12345678901234567890 arrives, the wallet credits it onto
 * a balance of 0.2, and we answer. Ids and decimals must cross parse → decode → encode unchanged.
 */
describe('changebalance with a 20-digit transaction id and 0.1 amounts', () => {
  const requestBody = signedRequestBody(
    'changebalance',
    `{
      "transaction_type": "WIN",
      "amount": 0.1,
      "currency_code": "EUR",
      "transaction_id": 12345678901234567890,
      "transaction_timestamp": "2020-12-01 13:44:54",
      "round_id": 98765432109876543210,
      "round_finished": null,
      "game_id": 200,
      "user_id": "611",
      "token": "${VALID_TOKEN}",
      "context": { "reason": "SPIN", "rake": 0.1, "game_details": { "ticket_id": 18446744073709551616 } },
      "vendor_extra": { "odds": 1.10, "note": "kept as sent" }
    }`,
  );

  function decode(): { command: ChangeBalanceCommand; requestJson: RequestJsonText } {
    const decoded = decodeOperatorRequest(Buffer.from(requestBody, 'utf8'), { secretKey: TEST_SECRET_KEY });
    if (!decoded.ok) throw new Error(decoded.rejection.errorMessage);
    return { command: decoded.request.command as ChangeBalanceCommand, requestJson: decoded.request.requestJson };
  }

  it('when decoded then ids keep every digit and 0.1 is exactly ten cents', () => {
    const { command } = decode();

    expect(command.transactionId).toBe('12345678901234567890');
    expect(command.roundId).toBe('98765432109876543210');
    expect(command.context.ticketId).toBe('18446744073709551616');
    expect(command.amount.amountMinor).toBe(10n);
    expect(command.context.rake?.amountMinor).toBe(1000n);
    expect(command.context.rake?.toDecimalString()).toBe('0.1000');
  });

  it('when the wallet credits 0.1 onto 0.2 then the encoded balance is the literal 0.30', () => {
    const { command, requestJson } = decode();
    const balanceAfter = Money.parseOrThrow('0.2', AMOUNT_SCALE, command.currencyCode).add(command.amount);

    const body = encodeResponse({
      rawRequestJson: requestJson,
      status: 'OK',
      data: { command: 'changebalance', balance: balanceAfter },
      responseTimestamp: '2020-12-01 13:44:55',
      secretKey: TEST_SECRET_KEY,
    });

    expect(body.endsWith(`"response":{"status":"OK","response_timestamp":"2020-12-01 13:44:55","hash":"${responseHashFor('OK', '2020-12-01 13:44:55', TEST_SECRET_KEY)}","data":{"balance":0.30,"currency_code":"EUR"}}}`)).toBe(true);
  });

  it('when the response is parsed back losslessly then "request" is exactly the request received', () => {
    const { requestJson } = decode();
    const body = encodeResponse({
      rawRequestJson: requestJson,
      status: 'ERROR',
      data: { errorCode: 'OP_40', errorMessage: 'Duplicated transaction ID' },
      responseTimestamp: '2020-12-01 13:44:55',
      secretKey: TEST_SECRET_KEY,
    });

    const echoed = (parse(body) as { request: unknown }).request;

    expect(stringify(echoed)).toBe(stringify(parse(requestBody)));
    const echoedData = (echoed as { data: { transaction_id: unknown; amount: unknown; vendor_extra: { odds: unknown } } }).data;
    expect(isLosslessNumber(echoedData.transaction_id) && echoedData.transaction_id.value).toBe('12345678901234567890');
    expect(isLosslessNumber(echoedData.amount) && echoedData.amount.value).toBe('0.1');
    expect(isLosslessNumber(echoedData.vendor_extra.odds) && echoedData.vendor_extra.odds.value).toBe('1.10');
    expect(body.startsWith(`{"request":${requestBody},"response":`)).toBe(true);
  });
});
