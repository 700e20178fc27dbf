import { isLosslessNumber } from 'lossless-json';
import { REQUEST_BODY_BYTES_MAX, REQUEST_NESTING_DEPTH_MAX } from './operator-api-limits';
import { BodyProblem, parseRequestBody, requestEchoOfUnreadBody, type JsonObject, type ParsedRequestBody } from './request-body-parser';

function accepted(result: ParsedRequestBody): { json: string; value: JsonObject } {
  if (!result.ok) throw new Error(`expected the body to be accepted, got ${result.problem}: ${result.message}`);
  return result;
}

function refused(result: ParsedRequestBody): { problem: string; message: string } {
  if (result.ok) throw new Error('expected the body to be refused');
  return { problem: result.problem, message: result.message };
}

function numberText(value: unknown): string {
  if (!isLosslessNumber(value)) throw new Error(`not a lossless number: ${String(value)}`);
  return value.value;
}

describe('parseRequestBody', () => {
  describe('given numbers beyond binary floating point', () => {
    const body = '{"data":{"transaction_id":12345678901234567890,"amount":0.1,"rake":17.25,"tiny":1e-7}}';

    it('when parsed then each number keeps its literal text exactly', () => {
      const data = accepted(parseRequestBody(body)).value['data'] as JsonObject;

      expect(numberText(data['transaction_id'])).toBe('12345678901234567890');
      expect(numberText(data['amount'])).toBe('0.1');
      expect(numberText(data['rake'])).toBe('17.25');
      expect(numberText(data['tiny'])).toBe('1e-7');
    });

    it('when parsed from a Buffer then the result is the same', () => {
      const data = accepted(parseRequestBody(Buffer.from(body, 'utf8'))).value['data'] as JsonObject;

      expect(numberText(data['transaction_id'])).toBe('12345678901234567890');
    });

    it('when parsed then the echo text is the body itself, outer whitespace trimmed', () => {
      expect(accepted(parseRequestBody(`\r\n  ${body} \n`)).json).toBe(body);
    });
  });

  describe('given the body size limit of 64 KiB', () => {
    const bodyOfBytes = (sizeBytes: number): string => {
      const prefix = '{"pad":"';
      return `${prefix}${'x'.repeat(sizeBytes - prefix.length - 2)}"}`;
    };

    it('when the body is exactly 65536 bytes then it is accepted', () => {
      expect(Buffer.byteLength(bodyOfBytes(REQUEST_BODY_BYTES_MAX))).toBe(65536);
      expect(parseRequestBody(bodyOfBytes(REQUEST_BODY_BYTES_MAX)).ok).toBe(true);
    });

    it('when the body is 65537 bytes then it is refused before parsing', () => {
      expect(refused(parseRequestBody(bodyOfBytes(REQUEST_BODY_BYTES_MAX + 1)))).toEqual({
        problem: BodyProblem.TooLarge,
        message: 'request body larger than 65536 bytes',
      });
    });

    it('when a string body is measured then multi-byte characters count in UTF-8 bytes', () => {
      const body = `{"pad":"${'é'.repeat(REQUEST_BODY_BYTES_MAX / 2)}"}`;

      expect(refused(parseRequestBody(body)).problem).toBe(BodyProblem.TooLarge);
    });
  });

  describe('given the nesting limit of 16 levels', () => {
    const nested = (depth: number): string => `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;

    it('when the body nests 16 levels then it is accepted', () => {
      expect(parseRequestBody(nested(REQUEST_NESTING_DEPTH_MAX)).ok).toBe(true);
    });

    it('when the body nests 17 levels then it is refused', () => {
      expect(refused(parseRequestBody(nested(REQUEST_NESTING_DEPTH_MAX + 1)))).toEqual({
        problem: BodyProblem.TooDeep,
        message: 'request body nested deeper than 16 levels',
      });
    });

    it('when 30000 arrays are opened then it is refused without recursing', () => {
      expect(refused(parseRequestBody(`{"a":${'['.repeat(30000)}`)).problem).toBe(BodyProblem.TooDeep);
    });

    it('when brackets appear inside strings then they do not count as nesting', () => {
      expect(parseRequestBody(`{"a":"${'{['.repeat(100)}"}`).ok).toBe(true);
    });
  });

  describe('given duplicate keys', () => {
    it('when a key repeats with a different value then it is refused, naming the path', () => {
      expect(refused(parseRequestBody('{"data":{"amount":1,"amount":2}}'))).toEqual({
        problem: BodyProblem.DuplicateKey,
        message: 'data.amount: duplicate key',
      });
    });

    it('when a key repeats with the same value then it is still refused (lossless-json alone would accept it)', () => {
      expect(refused(parseRequestBody('{"data":{"amount":1,"amount":1}}'))).toEqual({
        problem: BodyProblem.DuplicateKey,
        message: 'data.amount: duplicate key',
      });
    });

    it('when a key repeats through a unicode escape then it is recognised as the same key', () => {
      expect(refused(parseRequestBody('{"command":"balance","\\u0063ommand":"balance"}'))).toEqual({
        problem: BodyProblem.DuplicateKey,
        message: 'command: duplicate key',
      });
    });

    it('when the same key appears in two sibling objects or array items then it is not a duplicate', () => {
      expect(parseRequestBody('{"a":{"k":1},"b":{"k":1},"c":[{"k":1},{"k":2}]}').ok).toBe(true);
    });

    it('when a key repeats inside an array item then the path names the item', () => {
      expect(refused(parseRequestBody('{"c":[{"k":1},{"k":1,"k":2}]}')).message).toBe('c[1].k: duplicate key');
    });
  });

  describe('given a "__proto__" key', () => {
    it('when it appears then the body is refused rather than given a new prototype', () => {
      expect(refused(parseRequestBody('{"data":{"__proto__":{"amount":1}}}'))).toEqual({
        problem: BodyProblem.ForbiddenKey,
        message: 'data.__proto__: key not allowed',
      });
    });
  });

  describe('given bodies that are not one JSON object', () => {
    it.each([
      ['', BodyProblem.InvalidJson],
      ['{', BodyProblem.InvalidJson],
      ['{"a":1,}', BodyProblem.InvalidJson],
      ["{'a':1}", BodyProblem.InvalidJson],
      ['{"a":NaN}', BodyProblem.InvalidJson],
      ['{"a":01}', BodyProblem.InvalidJson],
      ['{"a":"line\nbreak"}', BodyProblem.InvalidJson],
      ['{"a":1} {"b":2}', BodyProblem.InvalidJson],
      ['[]', BodyProblem.NotAnObject],
      ['"command"', BodyProblem.NotAnObject],
      ['12345678901234567890', BodyProblem.NotAnObject],
      ['null', BodyProblem.NotAnObject],
    ])('when the body is %p then it is refused as %s', (body, problem) => {
      expect(refused(parseRequestBody(body)).problem).toBe(problem);
    });

    it('when the body is invalid JSON then the message says so with the parser position', () => {
      expect(refused(parseRequestBody('{"a":1,}')).message).toBe(
        "request body is not valid JSON: Quoted object key expected but got '}' at position 7",
      );
    });

    it('when the bytes are not valid UTF-8 then the body is refused before parsing', () => {
      expect(refused(parseRequestBody(Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d])))).toEqual({
        problem: BodyProblem.NotUtf8,
        message: 'request body is not valid UTF-8',
      });
    });
  });
});

describe('requestEchoOfUnreadBody (the echo of a body refused unread, e.g. shed)', () => {
  it('passes back a JSON object exactly as received, repeated keys and long numbers included', () => {
    const text = '{"command":"changebalance","data":{"amount":"1.00","amount":"900.00","transaction_id":12345678901234567890123}}';
    expect(requestEchoOfUnreadBody(Buffer.from(text))).toBe(text);
  });

  it.each([
    ['an array', '[1,2]'],
    ['a number', '12'],
    ['null', 'null'],
    ['invalid JSON', '{"a":1,}'],
    ['a BOM first', '\ufeff{"a":1}'],
    ['empty', ''],
  ])('gives null for %s, so the caller reads it with parseRequestBody', (_name, text) => {
    expect(requestEchoOfUnreadBody(Buffer.from(text))).toBeNull();
  });

  it('gives null for bytes that are not UTF-8 and for a body over the limit', () => {
    expect(requestEchoOfUnreadBody(Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]))).toBeNull();
    expect(requestEchoOfUnreadBody(Buffer.from(`{"a":"${'x'.repeat(REQUEST_BODY_BYTES_MAX)}"}`))).toBeNull();
  });
});
