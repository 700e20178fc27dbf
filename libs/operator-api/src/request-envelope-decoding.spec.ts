import { requestHashFor } from './operator-hash';
import { decodeOperatorRequest } from './request-decoder';
import { decodedRequest, rejectionOf, signedRequestBody, TEST_REQUEST_TIMESTAMP, TEST_SECRET_KEY, VALID_TOKEN } from './testing/signed-request';

const AUTHENTICATE_DATA = `{"token":"${VALID_TOKEN}"}`;

describe('decodeOperatorRequest: the envelope', () => {
  describe('given the vendor authenticate example, signed with our secret', () => {
    const body = `{
    "command": "authenticate",
    "request_timestamp": "2020-12-01 13:44:54",
    "hash": "${requestHashFor('authenticate', '2020-12-01 13:44:54', TEST_SECRET_KEY)}",
    "data": {
        "token": "eqkB1WoKQCvjrv6taJRN"
    }
}`;

    it('when decoded then it is an authenticate command with its token and timestamp', () => {
      const request = decodedRequest(body);

      expect(request.command).toEqual({ name: 'authenticate', token: 'eqkB1WoKQCvjrv6taJRN' });
      expect(request.requestTimestamp).toBe('2020-12-01 13:44:54');
    });

    it('when decoded then the request text to pass back is the body exactly, whitespace inside included', () => {
      expect(decodedRequest(body).requestJson).toBe(body);
    });

    it('when the hash is sent in capitals then it is still accepted', () => {
      expect(decodedRequest(body.replace(/"hash": "([0-9a-f]+)"/, (_, hash: string) => `"hash": "${hash.toUpperCase()}"`)).command.name).toBe('authenticate');
    });
  });

  describe('given a hash that does not match', () => {
    it('when it was made with another secret then the answer is OP_20', () => {
      const body = signedRequestBody('authenticate', AUTHENTICATE_DATA).replace(
        requestHashFor('authenticate', TEST_REQUEST_TIMESTAMP, TEST_SECRET_KEY),
        requestHashFor('authenticate', TEST_REQUEST_TIMESTAMP, 'another_secret'),
      );

      expect(rejectionOf(body)).toEqual({ errorCode: 'OP_20', errorMessage: 'hash: does not match' });
    });

    it('when it was made for another command then the answer is OP_20', () => {
      const balanceHash = requestHashFor('balance', TEST_REQUEST_TIMESTAMP, TEST_SECRET_KEY);
      const body = `{"command":"changebalance","request_timestamp":"${TEST_REQUEST_TIMESTAMP}","hash":"${balanceHash}","data":{}}`;

      expect(rejectionOf(body)).toEqual({ errorCode: 'OP_20', errorMessage: 'hash: does not match' });
    });

    it('when the hash is checked then it is checked before the data, so a forged request learns nothing about its data', () => {
      const forged = `{"command":"changebalance","request_timestamp":"${TEST_REQUEST_TIMESTAMP}","hash":"${'0'.repeat(40)}","data":{"amount":"oops"}}`;

      expect(rejectionOf(forged)).toEqual({ errorCode: 'OP_20', errorMessage: 'hash: does not match' });
    });

    it.each([
      ['missing', '', 'hash: missing'],
      ['39 characters', `"hash":"${'a'.repeat(39)}",`, 'hash: must be 40 hexadecimal characters'],
      ['41 characters', `"hash":"${'a'.repeat(41)}",`, 'hash: must be 40 hexadecimal characters'],
      ['not hex', `"hash":"${'g'.repeat(40)}",`, 'hash: must be 40 hexadecimal characters'],
      ['a number', '"hash":1234,', 'hash: must be 40 hexadecimal characters'],
    ])('when the hash is %s then the answer is OP_20', (_, hashMember, errorMessage) => {
      const body = `{"command":"balance",${hashMember}"request_timestamp":"${TEST_REQUEST_TIMESTAMP}","data":{}}`;

      expect(rejectionOf(body)).toEqual({ errorCode: 'OP_20', errorMessage });
    });
  });

  describe('given a bad command', () => {
    it.each([
      ['{"request_timestamp":"2020-12-01 13:44:54","hash":"x","data":{}}', 'command: missing'],
      ['{"command":"ping","request_timestamp":"2020-12-01 13:44:54","hash":"x","data":{}}', 'command: must be one of authenticate, balance, changebalance, status, cancel, finishround'],
      ['{"command":"Balance","data":{}}', 'command: must be one of authenticate, balance, changebalance, status, cancel, finishround'],
      ['{"command":7,"data":{}}', 'command: must be one of authenticate, balance, changebalance, status, cancel, finishround'],
    ])('when the body is %s then the answer is OP_50 (no command, so no more specific code)', (body, errorMessage) => {
      expect(rejectionOf(body)).toEqual({ errorCode: 'OP_50', errorMessage });
    });

    it('when the command is unknown then the request is still passed back as received', () => {
      const body = '{"command":"endsession","data":{"x":1}}';
      const decoded = decodeOperatorRequest(body, { secretKey: TEST_SECRET_KEY });

      expect(decoded).toEqual({ ok: false, rejection: { requestJson: body, commandName: null, errorCode: 'OP_50', errorMessage: expect.any(String) } });
    });
  });

  describe('given an unreadable body', () => {
    it('when it is not JSON then the answer is OP_50 and the request passed back is {}', () => {
      expect(decodeOperatorRequest('command=balance', { secretKey: TEST_SECRET_KEY })).toEqual({
        ok: false,
        rejection: {
          requestJson: '{}',
          commandName: null,
          errorCode: 'OP_50',
          errorMessage: "request body is not valid JSON: JSON value expected but got 'c' at position 0",
        },
      });
    });

    it('when a key is duplicated then the answer is OP_50 naming the key', () => {
      expect(rejectionOf('{"command":"balance","command":"changebalance"}')).toEqual({ errorCode: 'OP_50', errorMessage: 'command: duplicate key' });
    });
  });

  describe('given a bad request_timestamp', () => {
    const bodyAt = (command: 'changebalance' | 'balance', timestamp: string) => signedRequestBody(command, '{}', timestamp);

    it('when it is not a real time on changebalance then the answer is OP_49: a retry cannot fix it', () => {
      expect(rejectionOf(bodyAt('changebalance', '2021-02-29 10:00:00'))).toEqual({
        errorCode: 'OP_49',
        errorMessage: 'request_timestamp: must be a real UTC time as YYYY-MM-DD HH:MM:SS',
      });
    });

    it('when it is in ISO form on balance then the answer is OP_50 (balance has no OP_49)', () => {
      expect(rejectionOf(bodyAt('balance', '2020-12-01T13:44:54Z'))).toEqual({
        errorCode: 'OP_50',
        errorMessage: 'request_timestamp: must be a real UTC time as YYYY-MM-DD HH:MM:SS',
      });
    });

    it('when it is missing then the answer names it', () => {
      const hash = requestHashFor('cancel', '', TEST_SECRET_KEY);

      expect(rejectionOf(`{"command":"cancel","hash":"${hash}","data":{}}`)).toEqual({ errorCode: 'OP_49', errorMessage: 'request_timestamp: missing' });
    });
  });

  describe('given a bad data member', () => {
    it.each([
      ['changebalance', null, 'OP_49', 'data: missing'],
      ['changebalance', '[]', 'OP_49', 'data: must be an object'],
      ['status', '"x"', 'OP_50', 'data: must be an object'],
      ['authenticate', 'null', 'OP_50', 'data: must be an object'],
    ] as const)('when %s has data %p then the answer is %s: %s', (command, dataJson, errorCode, errorMessage) => {
      const body =
        dataJson === null
          ? `{"command":"${command}","request_timestamp":"${TEST_REQUEST_TIMESTAMP}","hash":"${requestHashFor(command, TEST_REQUEST_TIMESTAMP, TEST_SECRET_KEY)}"}`
          : signedRequestBody(command, dataJson);

      expect(rejectionOf(body)).toEqual({ errorCode, errorMessage });
    });
  });

  describe('given extra members the vendor adds (the cancel example carries "debug")', () => {
    it('when decoded then they are tolerated and kept in the text passed back', () => {
      const body = signedRequestBody('authenticate', AUTHENTICATE_DATA).replace(/}$/, ',"debug":{"code":200,"time":"0.04"}}');

      expect(decodedRequest(body).requestJson).toBe(body);
    });
  });
});
