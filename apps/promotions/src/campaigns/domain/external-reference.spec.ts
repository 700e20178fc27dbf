import { externalReferenceIdFor } from './external-reference';

describe('externalReferenceId of a grant', () => {
  it('given a campaign reference and a grant number when made then it is the same text every time', () => {
    expect(externalReferenceIdFor('spring-2026', 17)).toBe('spring-2026.17');
    expect(externalReferenceIdFor('spring-2026', 17)).toBe(externalReferenceIdFor('spring-2026', 17));
  });

  it('given the longest reference and number when made then it stays within 100 characters', () => {
    expect(externalReferenceIdFor('a'.repeat(40), 2_147_483_647).length).toBeLessThanOrEqual(100);
  });

  it.each([
    ['a dot in the reference', 'spring.2026', 1],
    ['a reference over 40 characters', 'a'.repeat(41), 1],
    ['grant number 0', 'spring', 0],
  ])('given %s when made then it is refused', (_case, reference, number) => {
    expect(() => externalReferenceIdFor(reference, number)).toThrow(RangeError);
  });
});
