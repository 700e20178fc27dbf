import { WalletErrorKind } from '@wallet-platform/contracts';
import { OPERATOR_COMMAND_NAMES, type OperatorCommandName } from './operator-commands';
import {
  ERROR_MESSAGE_LENGTH_MAX,
} from './operator-api-limits';
import {
  FieldProblemKind,
  OP_ERRORS,
  opErrorApplies,
  opErrorCodeForFieldProblem,
  opErrorCodeForWalletError,
  operatorErrorForWalletError,
  type OpErrorCode,
} from './operator-error-codes';

describe('Operator API error codes', () => {
  describe('given the vendor error table', () => {
    it('when listed then it has exactly the codes, default messages and commands of v2.49', () => {
      const table = Object.fromEntries(Object.entries(OP_ERRORS).map(([code, definition]) => [code, [definition.defaultMessage, definition.appliesTo.join(' ')]]));

      expect(table).toEqual({
        OP_20: ['Invalid hash', 'authenticate balance changebalance status cancel finishround'],
        OP_21: ['Invalid token', 'authenticate balance changebalance'],
        OP_22: ['Authorization failed', 'authenticate'],
        OP_30: ['Invalid currency', 'balance changebalance'],
        OP_31: ['Insufficient funds', 'changebalance'],
        OP_32: ['Limits reached', 'changebalance'],
        OP_33: ['Player is blocked', 'balance changebalance'],
        OP_34: ['Player is not found', 'balance changebalance status cancel finishround'],
        OP_35: ['Game is disabled', 'changebalance'],
        OP_40: ['Duplicated transaction ID', 'changebalance'],
        OP_41: ['Transaction not found', 'status cancel finishround'],
        OP_47: ['Timeout', 'authenticate balance changebalance status cancel finishround'],
        OP_49: ['Operation failed', 'changebalance cancel finishround'],
        OP_50: ['Internal error', 'authenticate balance changebalance status cancel finishround'],
      });
    });
  });

  describe('given a wallet refusal', () => {
    it.each<[WalletErrorKind, OperatorCommandName, OpErrorCode]>([
      ['INVALID_TOKEN', 'authenticate', 'OP_21'],
      ['INVALID_TOKEN', 'changebalance', 'OP_21'],
      ['INVALID_TOKEN', 'cancel', 'OP_50'],
      ['AUTHORIZATION_FAILED', 'authenticate', 'OP_22'],
      ['AUTHORIZATION_FAILED', 'balance', 'OP_50'],
      ['PLAYER_BLOCKED', 'authenticate', 'OP_22'],
      ['PLAYER_BLOCKED', 'balance', 'OP_33'],
      ['PLAYER_BLOCKED', 'changebalance', 'OP_33'],
      ['PLAYER_BLOCKED', 'cancel', 'OP_50'],
      ['PLAYER_NOT_FOUND', 'authenticate', 'OP_22'],
      ['PLAYER_NOT_FOUND', 'finishround', 'OP_34'],
      ['CURRENCY_MISMATCH', 'balance', 'OP_30'],
      ['CURRENCY_MISMATCH', 'status', 'OP_50'],
      ['INSUFFICIENT_FUNDS', 'changebalance', 'OP_31'],
      ['INSUFFICIENT_FUNDS', 'balance', 'OP_50'],
      ['LIMIT_REACHED', 'changebalance', 'OP_32'],
      ['LIMIT_REACHED', 'authenticate', 'OP_22'],
      ['GAME_DISABLED', 'changebalance', 'OP_35'],
      ['DUPLICATE_TRANSACTION', 'changebalance', 'OP_40'],
      ['DUPLICATE_TRANSACTION', 'cancel', 'OP_50'],
      ['TRANSACTION_NOT_FOUND', 'cancel', 'OP_41'],
      ['TRANSACTION_NOT_FOUND', 'status', 'OP_41'],
      ['TRANSACTION_NOT_FOUND', 'changebalance', 'OP_50'],
      ['OPERATION_FAILED', 'finishround', 'OP_49'],
      ['OPERATION_FAILED', 'status', 'OP_50'],
      ['TIMEOUT', 'changebalance', 'OP_47'],
      ['TIMEOUT', 'authenticate', 'OP_47'],
      ['INTERNAL', 'status', 'OP_50'],
    ])('when %s is refused on %s then the answer is %s', (kind, command, code) => {
      expect(opErrorCodeForWalletError(kind, command)).toBe(code);
    });

    it('when every kind is mapped for every command then the code is always one the vendor lists for that command', () => {
      for (const kind of Object.values(WalletErrorKind)) {
        for (const command of OPERATOR_COMMAND_NAMES) {
          expect([kind, command, opErrorApplies(opErrorCodeForWalletError(kind, command), command)]).toEqual([kind, command, true]);
        }
      }
    });

    it('when the wallet gives a message then it is the error message; when it gives none the default is used', () => {
      expect(operatorErrorForWalletError({ kind: 'INSUFFICIENT_FUNDS', message: 'balance 5.00 < bet 17.25' }, 'changebalance')).toEqual({
        errorCode: 'OP_31',
        errorMessage: 'balance 5.00 < bet 17.25',
      });
      expect(operatorErrorForWalletError({ kind: 'INSUFFICIENT_FUNDS', message: '' }, 'changebalance')).toEqual({
        errorCode: 'OP_31',
        errorMessage: 'Insufficient funds',
      });
    });

    it('when the wallet message is longer than 255 characters then it is cut to 255', () => {
      const answer = operatorErrorForWalletError({ kind: 'INTERNAL', message: 'x'.repeat(1000) }, 'status');

      expect(answer.errorMessage).toBe('x'.repeat(ERROR_MESSAGE_LENGTH_MAX));
    });
  });

  describe('given a malformed request field', () => {
    it.each<[FieldProblemKind, OperatorCommandName, OpErrorCode]>([
      ['hash', 'authenticate', 'OP_20'],
      ['hash', 'finishround', 'OP_20'],
      ['token', 'authenticate', 'OP_21'],
      ['token', 'balance', 'OP_21'],
      ['token', 'changebalance', 'OP_21'],
      ['token', 'status', 'OP_50'],
      ['token', 'cancel', 'OP_50'],
      ['currency', 'balance', 'OP_30'],
      ['currency', 'changebalance', 'OP_30'],
      ['currency', 'authenticate', 'OP_50'],
      ['user_id', 'balance', 'OP_34'],
      ['user_id', 'cancel', 'OP_34'],
      ['user_id', 'authenticate', 'OP_50'],
      ['other', 'changebalance', 'OP_49'],
      ['other', 'cancel', 'OP_49'],
      ['other', 'finishround', 'OP_49'],
      ['other', 'authenticate', 'OP_50'],
      ['other', 'balance', 'OP_50'],
      ['other', 'status', 'OP_50'],
    ])('when a %s field is malformed on %s then the answer is %s', (kind, command, code) => {
      expect(opErrorCodeForFieldProblem(kind, command)).toBe(code);
    });
  });
});
