import { WalletErrorKind } from '@wallet-platform/contracts';
import { boundedMessage, choiceGamingCodeForWalletError, choiceGamingError, choiceGamingErrorForWalletError } from './choice-gaming-codes';

describe('Choice Gaming result codes', () => {
  describe('given the vendor codes of the service API', () => {
    it('when 8 and 9 are answered then the messages are the vendor\'s', () => {
      expect(choiceGamingError(8)).toEqual({ code: 8, message: 'hash not valid' });
      expect(choiceGamingError(9)).toEqual({ code: 9, message: 'platform not valid' });
    });
  });

  describe('given a wallet refusal of a session regeneration', () => {
    it.each([
      [WalletErrorKind.InvalidToken, 101],
      [WalletErrorKind.PlayerNotFound, 101],
      [WalletErrorKind.PlayerBlocked, 101],
      [WalletErrorKind.AuthorizationFailed, 101],
      [WalletErrorKind.OperationFailed, 102],
      [WalletErrorKind.Internal, 103],
      [WalletErrorKind.Timeout, 104],
      [WalletErrorKind.InsufficientFunds, 103],
      [WalletErrorKind.DuplicateTransaction, 103],
    ])('when the kind is %s then the code is %i', (kind, code) => {
      expect(choiceGamingCodeForWalletError(kind)).toBe(code);
    });

    it('when mapped then the wallet\'s own message is not passed on, only the code\'s', () => {
      expect(choiceGamingErrorForWalletError({ kind: WalletErrorKind.InvalidToken, message: 'session 123 revoked at …' })).toEqual({ code: 101, message: 'token not valid' });
      expect(choiceGamingErrorForWalletError({ kind: WalletErrorKind.Timeout, message: 'Timeout' })).toEqual({ code: 104, message: 'timeout' });
    });
  });

  describe('given a detail', () => {
    it('when it is added then it follows the message after a colon', () => {
      expect(choiceGamingError(102, 'newGameId: must be 1-6 digits')).toEqual({ code: 102, message: 'request not valid: newGameId: must be 1-6 digits' });
    });

    it('when the message would pass 255 characters then it is cut at 255 code points', () => {
      expect(Array.from(choiceGamingError(102, '€'.repeat(400)).message)).toHaveLength(255);
      expect(boundedMessage('ok')).toBe('ok');
    });
  });
});
