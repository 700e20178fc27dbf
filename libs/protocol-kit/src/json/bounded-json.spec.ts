import { isLosslessNumber } from 'lossless-json';
import { JsonProblem, readBoundedJson, readBoundedJsonObject, type ReadJson } from './bounded-json';

const LIMITS = { bytesMax: 1_024, depthMax: 4, subject: 'request body' } as const;

function refusal<T>(read: ReadJson<T>): { problem: string; message: string; path: string | null } {
  if (read.ok) throw new Error('expected the text to be refused');
  return { problem: read.problem, message: read.message, path: read.path };
}

describe('the bounded JSON reader: one policy for every body', () => {
  describe('given a repeated key', () => {
    it('when the values differ (the back office deposit case) then it is refused naming the field', () => {
      expect(refusal(readBoundedJson('{"amount":"1.00","amount":"900.00"}', LIMITS))).toEqual({
        problem: JsonProblem.DuplicateKey,
        message: 'amount: duplicate key',
        path: 'amount',
      });
    });

    it('when the values are equal then it is refused too: no reader may pick one', () => {
      expect(refusal(readBoundedJson('{"amount":"1.00","amount":"1.00"}', LIMITS)).path).toBe('amount');
    });

    it('when the key is spelt with an escape then it is the same key', () => {
      expect(refusal(readBoundedJson('{"amount":"1.00","\\u0061mount":"2.00"}', LIMITS)).path).toBe('amount');
    });

    it('when it is nested in an array then the path says where', () => {
      expect(refusal(readBoundedJson('{"items":[{"k":1},{"k":1,"k":2}]}', LIMITS)).message).toBe('items[1].k: duplicate key');
    });

    it('when equal keys sit in different objects then they are not repeats', () => {
      expect(readBoundedJson('{"a":{"k":1},"b":{"k":1}}', LIMITS).ok).toBe(true);
    });
  });

  it('given a "__proto__" key then it is refused as a forbidden key', () => {
    expect(refusal(readBoundedJson('{"data":{"__proto__":{"x":1}}}', LIMITS))).toEqual({
      problem: JsonProblem.ForbiddenKey,
      message: 'data.__proto__: key not allowed',
      path: 'data.__proto__',
    });
  });

  describe('given a byte-order mark', () => {
    it('when it leads the bytes then it is skipped, and the text handed back is without it', () => {
      const read = readBoundedJson(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]), LIMITS);
      expect(read.ok && read.text).toBe('{"a":1}');
    });

    it('when it leads a string then it is skipped the same way', () => {
      expect(readBoundedJson('\ufeff{"a":1}', LIMITS).ok).toBe(true);
    });

    it('when one stands anywhere else then the text is not JSON', () => {
      expect(refusal(readBoundedJson('{"a":1}\ufeff', LIMITS)).problem).toBe(JsonProblem.InvalidJson);
    });
  });

  describe('given the size bound', () => {
    const ofBytes = (sizeBytes: number): string => `{"p":"${'x'.repeat(sizeBytes - 8)}"}`;

    it('when the text is exactly the bound then it is read', () => {
      expect(Buffer.byteLength(ofBytes(LIMITS.bytesMax))).toBe(LIMITS.bytesMax);
      expect(readBoundedJson(ofBytes(LIMITS.bytesMax), LIMITS).ok).toBe(true);
    });

    it('when it is one byte more then it is refused before decoding', () => {
      expect(refusal(readBoundedJson(ofBytes(LIMITS.bytesMax + 1), LIMITS))).toEqual({
        problem: JsonProblem.TooLarge,
        message: 'request body larger than 1024 bytes',
        path: null,
      });
    });
  });

  describe('given the depth bound', () => {
    it('when nesting is at the bound then it is read; one deeper is refused before parsing', () => {
      expect(readBoundedJson('[[[[]]]]', LIMITS).ok).toBe(true);
      expect(refusal(readBoundedJson('[[[[[]]]]]', LIMITS)).problem).toBe(JsonProblem.TooDeep);
    });

    it('when brackets stand inside strings then they do not count', () => {
      expect(readBoundedJson('{"a":"[[[[[[[["}', LIMITS).ok).toBe(true);
    });
  });

  it('given bytes that are not UTF-8 then the text is refused', () => {
    expect(refusal(readBoundedJson(Uint8Array.from([0x7b, 0xff, 0x7d]), LIMITS)).problem).toBe(JsonProblem.NotUtf8);
  });

  it('given a 20-digit number and 0.10 then both keep their literal text', () => {
    const read = readBoundedJson('{"id":12345678901234567890,"amount":0.10}', LIMITS);
    const value = (read.ok ? read.value : {}) as Record<string, unknown>;
    expect([isLosslessNumber(value['id']) && String(value['id']), isLosslessNumber(value['amount']) && String(value['amount'])]).toEqual(['12345678901234567890', '0.10']);
  });

  it('given a parseNumber of its own then numbers are read with it', () => {
    const read = readBoundedJson('{"n":7}', { ...LIMITS, parseNumber: Number });
    expect(read.ok && read.value).toEqual({ n: 7 });
  });

  it('given an array where an object must be then it is refused as not an object', () => {
    expect(refusal(readBoundedJsonObject('[]', LIMITS)).problem).toBe(JsonProblem.NotAnObject);
  });
});
