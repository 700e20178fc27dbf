import { ConfigurationError } from '@wallet-platform/service-kit';
import { loadGatewayConfig, parsePlatforms } from './gateway.config';

describe('gateway platform credentials', () => {
  it('indexes operators by platform id and operator id (a casino may hold several operator ids)', () => {
    const platforms = parsePlatforms(
      JSON.stringify([
        { platformId: 'platform-a', operators: [{ operatorId: 'casino1', secretKey: 'k'.repeat(16) }, { operatorId: 'casino2', secretKey: 'q'.repeat(20) }] },
      ]),
    );
    expect(platforms.get('platform-a')?.operators.get('casino2')).toEqual({ platformId: 'platform-a', operatorId: 'casino2', secretKey: 'q'.repeat(20) });
  });

  it.each([
    ['not JSON', '{', /not valid JSON/],
    ['no platforms', '[]', /1\.\.100 platforms/],
    ['a short secret', JSON.stringify([{ platformId: 'p', operators: [{ operatorId: 'c', secretKey: 'short' }] }]), /secretKey must be 16-200/],
    ['a "|" in an operator id', JSON.stringify([{ platformId: 'p', operators: [{ operatorId: 'a|b', secretKey: 'k'.repeat(16) }] }]), /operatorId/],
    ['a platform listed twice', JSON.stringify([{ platformId: 'p', operators: [{ operatorId: 'c', secretKey: 'k'.repeat(16) }] }, { platformId: 'p', operators: [{ operatorId: 'd', secretKey: 'k'.repeat(16) }] }]), /listed twice/],
  ])('refuses %s with a message naming OPERATOR_API_PLATFORMS', (_case, json, message) => {
    expect(() => parsePlatforms(json)).toThrow(ConfigurationError);
    expect(() => parsePlatforms(json)).toThrow(message);
    expect(() => parsePlatforms(json)).toThrow(/OPERATOR_API_PLATFORMS/);
  });

  it('requires OPERATOR_API_PLATFORMS at start-up', () => {
    expect(() => loadGatewayConfig({})).toThrow(/OPERATOR_API_PLATFORMS/);
  });
});
