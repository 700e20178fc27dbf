import { bytesEqual, hexDigestsEqual } from './digests-equal';

describe('hexDigestsEqual', () => {
  it('given the same digest in other letter case then they are equal', () => {
    expect(hexDigestsEqual('ABCDEF0123', 'abcdef0123')).toBe(true);
  });

  it('given digests that differ in one character then they are not equal', () => {
    expect(hexDigestsEqual('abcdef0124', 'abcdef0123')).toBe(false);
  });

  it('given digests of different lengths then they are not equal (and nothing throws)', () => {
    expect(hexDigestsEqual('abcdef', 'abcdef0123')).toBe(false);
    expect(bytesEqual(Buffer.from([1]), Buffer.from([1, 2]))).toBe(false);
  });
});
