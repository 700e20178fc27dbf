import { decodeServiceApiAnswer } from './service-api-response';

const answer = (text: string, httpStatus = 200) => decodeServiceApiAnswer(httpStatus, Buffer.from(text, 'utf8'));

describe('service-API answers', () => {
  it('given code 0 with a referenceId when decoded then it is granted and the reference kept', () => {
    expect(answer('{"code":0,"message":"ok","data":{"referenceId":"41d5-ae4a-48a83e6321a0"}}')).toEqual({ kind: 'granted', referenceId: '41d5-ae4a-48a83e6321a0' });
    expect(answer('{"code":0,"message":"ok","data":null}')).toEqual({ kind: 'granted', referenceId: null });
  });

  it('given codes 8 and 9 when decoded then they are final refusals with the provider\'s message', () => {
    expect(answer('{"code":8,"message":"hash not valid","data":null}')).toEqual({ kind: 'refused', code: 8, message: 'hash not valid' });
    expect(answer('{"code":9,"data":null}')).toEqual({ kind: 'refused', code: 9, message: 'platform not valid' });
  });

  it.each([
    ['an undocumented code', '{"code":5,"message":"busy"}', 200, 'undocumented code 5'],
    ['a code as text', '{"code":"0"}', 200, 'answer has no integer code'],
    ['a fractional code', '{"code":0.5}', 200, 'answer has no integer code'],
    ['not JSON', '<html>', 200, 'answer is not JSON'],
    ['a list', '[0]', 200, 'answer is not a JSON object'],
    ['HTTP 502 even with code 0', '{"code":0}', 502, 'HTTP 502'],
  ])('given %s when decoded then the outcome is unknown, never assumed', (_case, text, status, reason) => {
    expect(answer(text, status)).toEqual({ kind: 'unknown', reason });
  });
});
