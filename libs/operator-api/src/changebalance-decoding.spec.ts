import { changeBalanceDataJson, decodedRequest, rejectionOf, signedRequestBody, VALID_TOKEN } from './testing/signed-request';
import type { ChangeBalanceCommand } from './operator-commands';

function decodedChangeBalance(overrides: Readonly<Record<string, string | null>> = {}): ChangeBalanceCommand {
  const command = decodedRequest(signedRequestBody('changebalance', changeBalanceDataJson(overrides))).command;
  if (command.name !== 'changebalance') throw new Error(`expected changebalance, got ${command.name}`);
  return command;
}

function rejectedChangeBalance(overrides: Readonly<Record<string, string | null>>) {
  return rejectionOf(signedRequestBody('changebalance', changeBalanceDataJson(overrides)));
}

describe('decodeOperatorRequest: changebalance', () => {
  describe('given the vendor WIN example (amount 17.25, rake 0.0328, an extra top-level "reason")', () => {
    const data = `{
    "transaction_type": "WIN",
    "reason": "not_provided",
    "amount": 17.25,
    "currency_code": "EUR",
    "transaction_id": 3568,
    "transaction_timestamp": "2020-12-01 13:44:54",
    "round_id": 1727,
    "round_finished": false,
    "game_id": 200,
    "user_id": "611",
    "token": "eqkB1WoKQCvjrV6taJRN",
    "context": {
      "reason": "not_provided",
      "rake": 0.0328
    }
  }`;

    it('when decoded then every field is typed, ids as digit strings and amounts exact', () => {
      const command = decodedRequest(signedRequestBody('changebalance', data)).command as ChangeBalanceCommand;

      expect({ ...command, amount: command.amount.toDecimalString(), context: { ...command.context, rake: command.context.rake?.toDecimalString() } }).toEqual({
        name: 'changebalance',
        token: 'eqkB1WoKQCvjrV6taJRN',
        userId: '611',
        transactionType: 'WIN',
        transactionId: '3568',
        roundId: '1727',
        roundFinished: false,
        gameId: '200',
        currencyCode: 'EUR',
        amount: '17.25',
        transactionTimestamp: '2020-12-01 13:44:54',
        context: { reason: 'not_provided', rake: '0.0328', historyId: null, campaignCode: null, ticketId: null },
      });
      expect(command.amount.scale).toBe(2);
      expect(command.amount.currencyCode).toBe('EUR');
      expect(command.context.rake?.scale).toBe(4);
    });
  });

  describe('given ids beyond JavaScript safe integers', () => {
    it('when transaction_id is 12345678901234567890 then it is kept digit for digit', () => {
      expect(decodedChangeBalance({ transaction_id: '12345678901234567890' }).transactionId).toBe('12345678901234567890');
    });

    it('when round_id is the quoted 99999999999999999999 then it is accepted as the same kind of id', () => {
      expect(decodedChangeBalance({ round_id: '"99999999999999999999"' }).roundId).toBe('99999999999999999999');
    });

    it.each([
      ['transaction_id', '123456789012345678901', 'data.transaction_id: more than 20 digits'],
      ['round_id', '-1', 'data.round_id: must be a non-negative integer without sign, fraction, exponent or leading zeros'],
      ['transaction_id', '3568.0', 'data.transaction_id: must be a non-negative integer without sign, fraction, exponent or leading zeros'],
      ['transaction_id', '3.568e3', 'data.transaction_id: must be a non-negative integer without sign, fraction, exponent or leading zeros'],
      ['transaction_id', '"03568"', 'data.transaction_id: must be a non-negative integer without sign, fraction, exponent or leading zeros'],
      ['transaction_id', '" 3568"', 'data.transaction_id: must be a non-negative integer without sign, fraction, exponent or leading zeros'],
      ['transaction_id', 'true', 'data.transaction_id: must be a number or a string of digits'],
      ['transaction_id', 'null', 'data.transaction_id: must not be null'],
      ['transaction_id', null, 'data.transaction_id: missing'],
      ['game_id', '1234567', 'data.game_id: more than 6 digits'],
      ['game_id', null, 'data.game_id: missing'],
    ])('when %s is %p then the answer is OP_49: %s', (key, value, errorMessage) => {
      expect(rejectedChangeBalance({ [key]: value })).toEqual({ errorCode: 'OP_49', errorMessage });
    });

    it('when game_id has 6 digits then it is accepted', () => {
      expect(decodedChangeBalance({ game_id: '999999' }).gameId).toBe('999999');
    });
  });

  describe('given amounts', () => {
    it.each([
      ['0.1', '0.10'],
      ['"0.1"', '0.10'],
      ['0', '0.00'],
      ['-0.00', '0.00'],
      ['1.500', '1.50'],
      ['1e2', '100.00'],
      ['9999999999999999.99', '9999999999999999.99'],
    ])('when amount is %s then it decodes exactly to %s', (literal, printed) => {
      expect(decodedChangeBalance({ amount: literal }).amount.toDecimalString()).toBe(printed);
    });

    it.each([
      ['1.005', 'data.amount: more than 2 decimal places'],
      ['0.001', 'data.amount: more than 2 decimal places'],
      ['12345678901234567', 'data.amount: more than 16 integer digits'],
      ['-17.25', 'data.amount: must not be negative'],
      ['"17,25"', 'data.amount: not a decimal number'],
      ['"abc"', 'data.amount: not a decimal number'],
      ['true', 'data.amount: must be a decimal number'],
      ['{}', 'data.amount: must be a decimal number'],
      ['null', 'data.amount: must not be null'],
      [null, 'data.amount: missing'],
    ])('when amount is %p then the answer is OP_49: %s', (literal, errorMessage) => {
      expect(rejectedChangeBalance({ amount: literal })).toEqual({ errorCode: 'OP_49', errorMessage });
    });
  });

  describe('given the token rules', () => {
    it.each(['"WIN"', '"REFUND"'])('when a %s comes with token null then it is accepted (sessions may have expired)', (transactionType) => {
      expect(decodedChangeBalance({ transaction_type: transactionType, token: 'null' }).token).toBeNull();
    });

    it('when a BET comes with token null then the answer is OP_21', () => {
      expect(rejectedChangeBalance({ token: 'null' })).toEqual({ errorCode: 'OP_21', errorMessage: 'data.token: must not be null' });
    });

    it('when a BET comes without a token then the answer is OP_21', () => {
      expect(rejectedChangeBalance({ token: null })).toEqual({ errorCode: 'OP_21', errorMessage: 'data.token: missing' });
    });

    it('when a WIN comes without the token member at all then the answer is OP_21 (null is allowed, absence is not)', () => {
      expect(rejectedChangeBalance({ transaction_type: '"WIN"', token: null })).toEqual({ errorCode: 'OP_21', errorMessage: 'data.token: missing' });
    });

    it.each([
      ['19 characters', `"${VALID_TOKEN.slice(0, 19)}"`],
      ['51 characters', `"${'a'.repeat(51)}"`],
      ['a "|"', `"${VALID_TOKEN.slice(0, 19)}|"`],
      ['a "-"', `"${VALID_TOKEN.slice(0, 19)}-"`],
      ['a number', '12345678901234567890'],
    ])('when the token has %s then the answer is OP_21', (_, token) => {
      expect(rejectedChangeBalance({ token })).toEqual({ errorCode: 'OP_21', errorMessage: 'data.token: must be 20 to 50 characters of A-Z, a-z, 0-9' });
    });

    it('when a WIN comes with a malformed token then the answer is still OP_21: null is the only way to send none', () => {
      expect(rejectedChangeBalance({ transaction_type: '"WIN"', token: '"short"' }).errorCode).toBe('OP_21');
    });

    it('when the token has 50 characters then it is accepted', () => {
      expect(decodedChangeBalance({ token: `"${'Z9'.repeat(25)}"` }).token).toBe('Z9'.repeat(25));
    });
  });

  describe('given currency and user_id', () => {
    it.each([
      ['"eur"', 'data.currency_code: must be 3 to 4 characters of A-Z, 0-9'],
      ['"EURO1"', 'data.currency_code: must be 3 to 4 characters of A-Z, 0-9'],
      ['"E|R"', 'data.currency_code: must be 3 to 4 characters of A-Z, 0-9'],
      [null, 'data.currency_code: missing'],
    ])('when currency_code is %p then the answer is OP_30: %s', (currencyCode, errorMessage) => {
      expect(rejectedChangeBalance({ currency_code: currencyCode })).toEqual({ errorCode: 'OP_30', errorMessage });
    });

    it.each([
      ['""', 'data.user_id: must not be empty'],
      [`"${'u'.repeat(71)}"`, 'data.user_id: longer than 70 characters'],
      ['"61|1"', 'data.user_id: must not contain "|"'],
      ['"61\\n1"', 'data.user_id: must not contain control characters'],
      ['"\\ud800"', 'data.user_id: must not contain unpaired surrogates'],
      ['611', 'data.user_id: must be a string'],
      [null, 'data.user_id: missing'],
    ])('when user_id is %p then the answer is OP_34: %s', (userId, errorMessage) => {
      expect(rejectedChangeBalance({ user_id: userId })).toEqual({ errorCode: 'OP_34', errorMessage });
    });

    it('when user_id has 70 characters, some outside the BMP, then it is accepted: lengths count characters', () => {
      const userId = `${'😀'.repeat(35)}${'u'.repeat(35)}`;

      expect(decodedChangeBalance({ user_id: JSON.stringify(userId) }).userId).toBe(userId);
    });
  });

  describe('given the other fields', () => {
    it.each([
      ['transaction_type', '"bet"', 'data.transaction_type: must be one of BET, WIN, REFUND'],
      ['transaction_type', '"CANCEL"', 'data.transaction_type: must be one of BET, WIN, REFUND'],
      ['round_finished', '"false"', 'data.round_finished: must be true, false or null'],
      ['round_finished', '0', 'data.round_finished: must be true, false or null'],
      ['transaction_timestamp', '"2020-12-01T13:44:54Z"', 'data.transaction_timestamp: must be a real UTC time as YYYY-MM-DD HH:MM:SS'],
      ['transaction_timestamp', '"2020-02-30 13:44:54"', 'data.transaction_timestamp: must be a real UTC time as YYYY-MM-DD HH:MM:SS'],
      ['context', null, 'data.context: missing'],
      ['context', '"x"', 'data.context: must be an object'],
      ['context', '{}', 'data.context.reason: missing'],
      ['context', `{"reason":"${'r'.repeat(33)}"}`, 'data.context.reason: longer than 32 characters'],
      ['context', '{"reason":"SPIN|BONUS"}', 'data.context.reason: must not contain "|"'],
      ['context', '{"reason":"x","rake":0.00001}', 'data.context.rake: more than 4 decimal places'],
      ['context', '{"reason":"x","rake":-0.0328}', 'data.context.rake: must not be negative'],
      ['context', '{"reason":"x","rake":123456789012345}', 'data.context.rake: more than 14 integer digits'],
      ['context', `{"reason":"x","history_id":"${'h'.repeat(256)}"}`, 'data.context.history_id: longer than 255 characters'],
      ['context', '{"reason":"x","game_details":[]}', 'data.context.game_details: must be an object'],
      ['context', '{"reason":"x","game_details":{"ticket_id":"t-1"}}', 'data.context.game_details.ticket_id: must be a non-negative integer without sign, fraction, exponent or leading zeros'],
    ])('when %s is %p then the answer is OP_49: %s', (key, value, errorMessage) => {
      expect(rejectedChangeBalance({ [key]: value })).toEqual({ errorCode: 'OP_49', errorMessage });
    });

    it.each([
      ['null', null],
      ['true', true],
    ])('when round_finished is %s then it decodes to %p', (literal, expected) => {
      expect(decodedChangeBalance({ round_finished: literal }).roundFinished).toBe(expected);
    });

    it('when round_finished is absent (optional since v2.11) then it decodes to null', () => {
      expect(decodedChangeBalance({ round_finished: null }).roundFinished).toBeNull();
    });

    it('when the context carries every documented member then each is decoded', () => {
      const context = decodedChangeBalance({
        context:
          '{"reason":"PROMO-FREESPIN","rake":null,"history_id":"h-77","campaign_code":"SPRING24","game_details":{"ticket_id":12345678901234567890},"campaign_details":{"spins":[10,3]}}',
      }).context;

      expect(context).toEqual({ reason: 'PROMO-FREESPIN', rake: null, historyId: 'h-77', campaignCode: 'SPRING24', ticketId: '12345678901234567890' });
    });

    it('when context.reason is empty then it is accepted: informational only', () => {
      expect(decodedChangeBalance({ context: '{"reason":""}' }).context.reason).toBe('');
    });
  });

  describe('given several bad fields at once', () => {
    it('when both the token and the amount are bad then the token is reported first (OP_21)', () => {
      expect(rejectedChangeBalance({ token: '"bad"', amount: '1.005' }).errorCode).toBe('OP_21');
    });

    it('when both the user and the amount are bad then the user is reported first (OP_34)', () => {
      expect(rejectedChangeBalance({ user_id: '""', amount: '1.005' }).errorCode).toBe('OP_34');
    });

    it('when the transaction type is bad then it is reported first: it decides whether a null token is valid', () => {
      expect(rejectedChangeBalance({ transaction_type: '"PAYOUT"', token: 'null' })).toEqual({
        errorCode: 'OP_49',
        errorMessage: 'data.transaction_type: must be one of BET, WIN, REFUND',
      });
    });
  });
});
