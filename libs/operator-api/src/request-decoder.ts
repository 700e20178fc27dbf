import { decodeCommandData } from './command-data-decoder';
import { SHA1_HEX_LENGTH } from './operator-api-limits';
import { isOperatorCommandName, OPERATOR_COMMAND_NAMES, type OperatorCommand, type OperatorCommandName } from './operator-commands';
import {
  boundedErrorMessage,
  FALLBACK_OP_ERROR_CODE,
  FieldProblemKind,
  OP_ERRORS,
  opErrorCodeForFieldProblem,
  OpErrorCode,
  type OperatorErrorAnswer,
} from './operator-error-codes';
import { digestsEqual, requestHashFor } from './operator-hash';
import { isOperatorTimestamp } from './operator-timestamp';
import { parseRequestBody, UNREADABLE_REQUEST_ECHO, type JsonObject, type RequestJsonText } from './request-body-parser';
import type { FieldProblem } from './request-field-readers';

/** A request that passed every check: authentic (hash), well-formed, and typed. */
export interface OperatorRequest {
  /** The body exactly as received (outer whitespace trimmed), to pass back in the response. */
  readonly requestJson: RequestJsonText;
  readonly requestTimestamp: string;
  readonly command: OperatorCommand;
}

/** A request we answer with an error without involving the wallet. */
export interface OperatorRequestRejection extends OperatorErrorAnswer {
  /** The body to pass back; `{}` when it was not a readable JSON object. */
  readonly requestJson: RequestJsonText;
  /** Null when the body did not name a known command. */
  readonly commandName: OperatorCommandName | null;
}

export type DecodedOperatorRequest = { readonly ok: true; readonly request: OperatorRequest } | { readonly ok: false; readonly rejection: OperatorRequestRejection };

const HASH_PATTERN = new RegExp(`^[0-9a-fA-F]{${SHA1_HEX_LENGTH}}$`);

/**
 * Reads a gameplay request body, in this order, so that nothing is interpreted before it is known
 * to come from the platform:
 *   1. the body (size, UTF-8, nesting, duplicate keys, JSON object)          → OP_50
 *   2. `command`, one of the six gameplay commands                           → OP_50
 *   3. `hash` present and 40 hex characters                                  → OP_20
 *   4. `request_timestamp` present as a string (it is an input of the hash)  → malformed (see table)
 *   5. the hash equals sha1(command + request_timestamp + secret)           → OP_20
 *   6. `request_timestamp` is a real `Y-m-d H:i:s` time                      → malformed
 *   7. `data` decodes for the command                                        → per-field table
 * A body that is not a JSON object cannot name a command, so only OP_50 (valid for every command)
 * can answer it. The request timestamp's age is not checked here: the vendor sets no window, and
 * retries of a known transaction legitimately arrive much later. The gateway holds money-moving
 * requests for transactions it has not seen to a freshness window (docs/security.md).
 */
export function decodeOperatorRequest(rawBody: Buffer | string, options: { readonly secretKey: string }): DecodedOperatorRequest {
  const body = parseRequestBody(rawBody);
  if (!body.ok) {
    return reject(UNREADABLE_REQUEST_ECHO, null, FALLBACK_OP_ERROR_CODE, body.message);
  }
  const envelope = body.value;
  const requestJson = body.json;

  const commandValue = ownValue(envelope, 'command');
  if (typeof commandValue !== 'string' || !isOperatorCommandName(commandValue)) {
    const problem = commandValue === undefined ? 'missing' : `must be one of ${OPERATOR_COMMAND_NAMES.join(', ')}`;
    return reject(requestJson, null, FALLBACK_OP_ERROR_CODE, `command: ${problem}`);
  }
  const commandName = commandValue;
  const rejectField = (fieldProblem: FieldProblem): DecodedOperatorRequest =>
    reject(requestJson, commandName, opErrorCodeForFieldProblem(fieldProblem.kind, commandName), `${fieldProblem.field}: ${fieldProblem.problem}`);

  const hashValue = ownValue(envelope, 'hash');
  if (typeof hashValue !== 'string' || !HASH_PATTERN.test(hashValue)) {
    const problem = hashValue === undefined ? 'missing' : `must be ${SHA1_HEX_LENGTH} hexadecimal characters`;
    return rejectField({ kind: FieldProblemKind.Hash, field: 'hash', problem });
  }
  const timestampValue = ownValue(envelope, 'request_timestamp');
  if (typeof timestampValue !== 'string') {
    return rejectField({ kind: FieldProblemKind.Other, field: 'request_timestamp', problem: timestampValue === undefined ? 'missing' : 'must be a string' });
  }
  if (!digestsEqual(hashValue, requestHashFor(commandName, timestampValue, options.secretKey))) {
    return rejectField({ kind: FieldProblemKind.Hash, field: 'hash', problem: 'does not match' });
  }
  if (!isOperatorTimestamp(timestampValue)) {
    return rejectField({ kind: FieldProblemKind.Other, field: 'request_timestamp', problem: 'must be a real UTC time as YYYY-MM-DD HH:MM:SS' });
  }

  const data = decodeCommandData(commandName, ownValue(envelope, 'data'));
  if (!data.ok) {
    return rejectField(data.problem);
  }
  return { ok: true, request: { requestJson, requestTimestamp: timestampValue, command: data.command } };
}

function ownValue(object: JsonObject, key: string) {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function reject(requestJson: RequestJsonText, commandName: OperatorCommandName | null, errorCode: OpErrorCode, errorMessage: string): DecodedOperatorRequest {
  return { ok: false, rejection: { requestJson, commandName, errorCode, errorMessage: boundedErrorMessage(errorMessage === '' ? OP_ERRORS[errorCode].defaultMessage : errorMessage) } };
}
