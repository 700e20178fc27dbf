import { daysDue } from './reconciliation.scheduler';
import { parseReconciledPlatforms } from './reconciliation-platforms';

describe('daysDue', () => {
  it('gives the closed days past the delay, newest first', () => {
    expect(daysDue(new Date('2026-12-01T01:59:59.999Z'), 120, 2)).toEqual(['2026-11-29', '2026-11-28']);
    expect(daysDue(new Date('2026-12-01T02:00:00.000Z'), 120, 2)).toEqual(['2026-11-30', '2026-11-29']);
    expect(daysDue(new Date('2026-12-01T00:00:00.000Z'), 0, 1)).toEqual(['2026-11-30']);
    expect(daysDue(new Date('2026-03-01T12:00:00.000Z'), 60 * 24, 1)).toEqual(['2026-02-27']);
  });
});

describe('parseReconciledPlatforms', () => {
  const entry = { platformId: 'plat-a', operatorId: 'casino1', secretKey: 'a-secret-of-16-chars', apiBaseUrl: 'https://api.example', gameLaunchBaseUrl: 'https://launch.example/' };

  it("reads the wallet's PLATFORM_APIS format, leaving out what reconciliation does not use", () => {
    expect(parseReconciledPlatforms(JSON.stringify([entry]))).toEqual([{ platformId: 'plat-a', operatorId: 'casino1', secretKey: 'a-secret-of-16-chars', apiBaseUrl: 'https://api.example' }]);
  });

  it('refuses a bad entry naming it, without echoing the secret', () => {
    expect(() => parseReconciledPlatforms(JSON.stringify([{ ...entry, secretKey: 'short' }]))).toThrow(/RECONCILIATION_PLATFORMS: \[0\]\.secretKey must be 16-200 characters/);
    expect(() => parseReconciledPlatforms(JSON.stringify([{ ...entry, secretKey: 'short' }]))).not.toThrow(/short/);
    expect(() => parseReconciledPlatforms(JSON.stringify([entry, entry]))).toThrow(/listed twice/);
    expect(() => parseReconciledPlatforms('{')).toThrow(/not valid JSON/);
  });
});
