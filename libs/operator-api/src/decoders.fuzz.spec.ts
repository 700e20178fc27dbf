import fc from 'fast-check';
import { FALLBACK_OP_ERROR_CODE, OP_ERRORS, OpErrorCode } from './operator-error-codes';
import { requestHashFor } from './operator-hash';
import { OPERATOR_COMMAND_NAMES, type OperatorCommandName } from './operator-commands';
import { decodeOperatorRequest } from './request-decoder';

/**
 * Property-based fuzzing of the Operator API decoder (fast-check): whatever arrives, it answers a
 * value (never throws), the code is one of the protocol's and valid for the command it names (or
 * the fallback), and a request it accepts keeps its ids and amounts exactly as sent.
 */
const SECRET = 'fuzz-secret-key-0123456789';
const CODES = new Set<string>(Object.values(OpErrorCode));
const RUNS = { numRuns: 500 };

function signed(command: OperatorCommandName, dataJson: string, timestamp = '2026-12-02 10:00:00'): string {
  return `{"command":"${command}","request_timestamp":"${timestamp}","hash":"${requestHashFor(command, timestamp, SECRET)}","data":${dataJson}}`;
}

function assertAnswered(body: string | Buffer, command: OperatorCommandName | null): void {
  const decoded = decodeOperatorRequest(body, { secretKey: SECRET });
  if (decoded.ok) return;
  const { errorCode, requestJson } = decoded.rejection;
  expect(CODES.has(errorCode)).toBe(true);
  if (command !== null && errorCode !== FALLBACK_OP_ERROR_CODE) expect(OP_ERRORS[errorCode].appliesTo).toContain(command);
  // What is passed back is either the body as sent (trimmed) or {} when it was not readable.
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
  expect(requestJson === '{}' || requestJson === text.trim()).toBe(true);
}

const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[1-9][0-9]{${min - 1},${max - 1}}$`));
const amount = fc.tuple(digits(1, 16), fc.stringMatching(/^[0-9]{2}$/)).map(([units, cents]) => `${units}.${cents}`);

const changeBalanceData = fc
  .record({
  token: fc.constantFrom('"eqkB1WoKQCvjrV6taJRN"', 'null'),
  user_id: fc.stringMatching(/^[A-Za-z0-9]{1,70}$/).map((id) => `"${id}"`),
  transaction_type: fc.constantFrom('"BET"', '"WIN"', '"REFUND"'),
  transaction_id: digits(1, 20),
  round_id: digits(1, 20),
  round_finished: fc.constantFrom('true', 'false', 'null'),
  game_id: digits(1, 6),
  currency_code: fc.constantFrom('"EUR"', '"USD"', '"IDR"'),
  amount,
  transaction_timestamp: fc.constant('"2026-12-02 10:00:00"'),
  context: fc.constant('{"reason":"SPIN"}'),
  })
  // A BET needs a live session: only a credit may come with token null.
  .map((data) => (data.transaction_type === '"BET"' ? { ...data, token: '"eqkB1WoKQCvjrV6taJRN"' } : data));
const asJson = (members: Record<string, string>) => `{${Object.entries(members).map(([key, value]) => `"${key}":${value}`).join(',')}}`;

describe('Operator API decoder, fuzzed', () => {
  it('answers any bytes with a value and a protocol code, never an exception', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2_048 }), (bytes) => assertAnswered(Buffer.from(bytes), null)), RUNS);
  });

  it('answers any JSON value as the body with a protocol code', () => {
    fc.assert(fc.property(fc.json({ depthSize: 'medium' }), (json) => assertAnswered(json, null)), RUNS);
  });

  it('answers a signed envelope of any command with any data, with a code valid for that command', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OPERATOR_COMMAND_NAMES), fc.json({ depthSize: 'small' }), (command, data) => assertAnswered(signed(command, data), command)),
      RUNS,
    );
  });

  it('answers a valid changebalance with one field replaced by anything, with a code valid for changebalance', () => {
    const fields = ['token', 'user_id', 'transaction_type', 'transaction_id', 'round_id', 'round_finished', 'game_id', 'currency_code', 'amount', 'transaction_timestamp', 'context'];
    fc.assert(
      fc.property(changeBalanceData, fc.constantFrom(...fields), fc.oneof(fc.json(), fc.constant(''), fc.constant('99999999999999999999999')), (data, field, replacement) => {
        const members: Record<string, string> = { ...data };
        if (replacement === '') delete members[field];
        else members[field] = replacement;
        assertAnswered(signed('changebalance', asJson(members)), 'changebalance');
      }),
      RUNS,
    );
  });

  it('keeps 20-digit ids and amounts of a valid changebalance exactly as sent', () => {
    fc.assert(
      fc.property(changeBalanceData, (data) => {
        const decoded = decodeOperatorRequest(signed('changebalance', asJson(data)), { secretKey: SECRET });
        if (!decoded.ok) throw new Error(`refused ${decoded.rejection.errorCode}: ${decoded.rejection.errorMessage} for ${asJson(data)}`);
        const command = decoded.request.command;
        if (command.name !== 'changebalance') throw new Error(command.name);
        expect([command.transactionId, command.roundId, command.gameId, command.amount.toDecimalString()]).toEqual([data.transaction_id, data.round_id, data.game_id, data.amount]);
      }),
      RUNS,
    );
  });

  it('refuses any body signed with another secret or timestamp with OP_20, whatever its data', () => {
    fc.assert(
      fc.property(changeBalanceData, fc.string({ minLength: 1, maxLength: 30 }), (data, otherSecret) => {
        fc.pre(otherSecret !== SECRET);
        const timestamp = '2026-12-02 10:00:00';
        const body = `{"command":"changebalance","request_timestamp":"${timestamp}","hash":"${requestHashFor('changebalance', timestamp, otherSecret)}","data":${asJson(data)}}`;
        const decoded = decodeOperatorRequest(body, { secretKey: SECRET });
        expect(decoded.ok ? 'OK' : decoded.rejection.errorCode).toBe('OP_20');
      }),
      RUNS,
    );
  });
});
