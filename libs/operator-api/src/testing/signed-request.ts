import type { OperatorCommandName } from '../operator-commands';
import { requestHashFor } from '../operator-hash';
import { decodeOperatorRequest, type OperatorRequest, type OperatorRequestRejection } from '../request-decoder';

/** The secret used in the vendor's signing examples. */
export const TEST_SECRET_KEY = 'secret_key';
export const TEST_REQUEST_TIMESTAMP = '2020-12-01 13:44:54';

/**
 * A correctly signed request body, built from the raw JSON text of `data` so that number
 * literals (20-digit ids, 0.1) reach the parser exactly as a platform would write them.
 */
export function signedRequestBody(command: OperatorCommandName, dataJson: string, requestTimestamp = TEST_REQUEST_TIMESTAMP): string {
  const hash = requestHashFor(command, requestTimestamp, TEST_SECRET_KEY);
  return `{"command":"${command}","request_timestamp":"${requestTimestamp}","hash":"${hash}","data":${dataJson}}`;
}

export const VALID_TOKEN = 'eqkB1WoKQCvjrV6taJRN';

/** A changebalance data object as text; `overrides` replace members by key, `null` removes one. */
export function changeBalanceDataJson(overrides: Readonly<Record<string, string | null>> = {}): string {
  const members: Record<string, string | null> = {
    transaction_type: '"BET"',
    amount: '17.25',
    currency_code: '"EUR"',
    transaction_id: '3568',
    transaction_timestamp: '"2020-12-01 13:44:54"',
    round_id: '1727',
    round_finished: 'false',
    game_id: '200',
    user_id: '"611"',
    token: `"${VALID_TOKEN}"`,
    context: '{"reason":"not_provided"}',
    ...overrides,
  };
  return `{${Object.entries(members)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([key, value]) => `"${key}":${value}`)
    .join(',')}}`;
}


export function decodedRequest(body: string): OperatorRequest {
  const decoded = decodeOperatorRequest(body, { secretKey: TEST_SECRET_KEY });
  if (!decoded.ok) throw new Error(`expected the request to decode, got ${decoded.rejection.errorCode}: ${decoded.rejection.errorMessage}`);
  return decoded.request;
}

export function rejectionOf(body: string | Buffer): Pick<OperatorRequestRejection, 'errorCode' | 'errorMessage'> {
  const decoded = decodeOperatorRequest(body, { secretKey: TEST_SECRET_KEY });
  if (decoded.ok) throw new Error(`expected the request to be rejected, got ${decoded.request.command.name}`);
  return { errorCode: decoded.rejection.errorCode, errorMessage: decoded.rejection.errorMessage };
}
