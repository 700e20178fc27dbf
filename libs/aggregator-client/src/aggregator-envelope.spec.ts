import { parse } from 'lossless-json';
import type { JsonValue } from '@wallet-platform/http-client';
import { decodeAggregatorEnvelope } from './aggregator-envelope';

const json = (text: string): JsonValue => parse(text) as JsonValue;

describe('aggregator envelope', () => {
  it('given the examples\' success form {ok, result}, then the result', () => {
    expect(decodeAggregatorEnvelope(json('{"ok":true,"result":{"balance":"1.00"}}'))).toEqual({ ok: true, result: { balance: '1.00' } });
  });

  it('given the text\'s success form {ok, data}, then it is tolerated', () => {
    expect(decodeAggregatorEnvelope(json('{"ok":true,"message":"","data":{}}'))).toEqual({ ok: true, result: {} });
  });

  it('given the examples\' failure form {ok:false, error{code,message}}, then code and message', () => {
    expect(decodeAggregatorEnvelope(json('{"ok":false,"error":{"code":"PLAYER_NOT_FOUND","message":"player not found"}}'))).toEqual({
      ok: false,
      codeText: 'PLAYER_NOT_FOUND',
      message: 'player not found',
    });
  });

  it('given the text\'s failure form {ok:false, message}, then a refusal without a code', () => {
    expect(decodeAggregatorEnvelope(json('{"ok":false,"message":"agent not active"}'))).toEqual({ ok: false, codeText: undefined, message: 'agent not active' });
  });

  it('given a message with control characters, then they cannot forge log lines', () => {
    const decoded = decodeAggregatorEnvelope(json('{"ok":false,"error":{"code":"X","message":"a\\nFAKE LOG LINE"}}'));
    expect(decoded).toMatchObject({ message: 'a FAKE LOG LINE' });
  });

  it.each([
    ['no ok', '{"result":{}}', '$.ok'],
    ['ok as a string', '{"ok":"true","result":{}}', '$.ok'],
    ['both result and data', '{"ok":true,"result":{},"data":{}}', '$'],
    ['success without a payload', '{"ok":true}', '$.result'],
    ['success with a null payload', '{"ok":true,"result":null}', '$.result'],
    ['failure with neither error nor message', '{"ok":false}', '$'],
    ['failure with an error without code', '{"ok":false,"error":{"message":"m"}}', '$.error.code'],
    ['an array', '[]', '$'],
  ])('given %s, then it is refused at %s', (_name, text, path) => {
    expect(() => decodeAggregatorEnvelope(json(text))).toThrow(expect.objectContaining({ name: 'AggregatorShapeError', path }));
  });
});
