import { isLosslessNumber } from 'lossless-json';
import { JSON_NESTING_DEPTH_MAX } from './http-client-limits';
import { jsonText, parseLosslessJsonBody } from './lossless-json-body';

function parseText(text: string): ReturnType<typeof parseLosslessJsonBody> {
  return parseLosslessJsonBody(Buffer.from(text, 'utf8'));
}

describe('remote body parsing', () => {
  it('given a 20-digit number and 3.30, then both keep their literal text', () => {
    const parsed = parseText('{"id":12345678901234567890,"wins_sum":3.30}');

    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(jsonText(parsed.value)).toBe('{"id":12345678901234567890,"wins_sum":3.30}');
      const value = parsed.value as { id: unknown };
      expect(isLosslessNumber(value.id)).toBe(true);
    }
  });

  it('given nesting exactly at the bound, then it is parsed; one deeper is refused before parsing', () => {
    const atBound = '['.repeat(JSON_NESTING_DEPTH_MAX) + ']'.repeat(JSON_NESTING_DEPTH_MAX);
    const tooDeep = '['.repeat(JSON_NESTING_DEPTH_MAX + 1) + ']'.repeat(JSON_NESTING_DEPTH_MAX + 1);

    expect(parseText(atBound).ok).toBe(true);
    expect(parseText(tooDeep)).toEqual({ ok: false, problem: `body nested deeper than ${JSON_NESTING_DEPTH_MAX} levels` });
  });

  it('given a million opening brackets, then it is refused without exhausting the stack', () => {
    expect(parseText('['.repeat(1_000_000)).ok).toBe(false);
  });

  it('given brackets inside strings, then they do not count as nesting', () => {
    expect(parseText(`{"text":"${'['.repeat(JSON_NESTING_DEPTH_MAX + 5)}"}`).ok).toBe(true);
  });

  it('given a "__proto__" key (even escaped), then the body is refused', () => {
    expect(parseText('{"games":[{"__proto__":{"enabled":1}}]}')).toEqual({ ok: false, problem: 'games[0].__proto__: key not allowed' });
    expect(parseText('{"\\u005f_proto__":{"enabled":1}}')).toEqual({ ok: false, problem: '__proto__: key not allowed' });
  });

  it('given a key repeated in a response, then the body is refused naming the key', () => {
    expect(parseText('{"games":[{"id":1,"id":2}]}')).toEqual({ ok: false, problem: 'games[0].id: duplicate key' });
  });

  it('given bytes that are not UTF-8, then the body is refused', () => {
    expect(parseLosslessJsonBody(Uint8Array.from([0x7b, 0xff, 0x7d]))).toEqual({ ok: false, problem: 'body is not valid UTF-8' });
  });

  it('given a UTF-8 byte order mark, then it is tolerated', () => {
    expect(parseLosslessJsonBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"enabled":false}')])).ok).toBe(true);
  });

  it('given truncated JSON, then the problem says so', () => {
    const parsed = parseText('{"games": [');

    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.problem).toMatch(/^body is not valid JSON: /);
  });
});
