import { ConfigurationError } from '@wallet-platform/service-kit';
import { loadGatewayConfig, parseChoiceGamingPlatforms } from '../gateway.config';

const OPERATOR_API_PLATFORMS = JSON.stringify([{ platformId: 'p', operators: [{ operatorId: 'c', secretKey: 'k'.repeat(16) }] }]);

describe('CHOICE_GAMING_PLATFORMS', () => {
  it('given two platforms when parsed then each platform id names its operator and private key', () => {
    const platforms = parseChoiceGamingPlatforms(
      JSON.stringify([
        { platformId: 'choice-gaming', operatorId: 'casino1', privateKey: 'k'.repeat(16) },
        { platformId: 'choice-gaming-b', operatorId: 'casino2', privateKey: 'q'.repeat(200) },
      ]),
    );
    expect(platforms.size).toBe(2);
    expect(platforms.get('choice-gaming-b')).toEqual({ platformId: 'choice-gaming-b', operatorId: 'casino2', privateKey: 'q'.repeat(200) });
  });

  it('given the variable is not set when the gateway config loads then there are no Choice Gaming platforms (every call answers 9)', () => {
    const config = loadGatewayConfig({ OPERATOR_API_PLATFORMS });
    expect(config.CHOICE_GAMING_PLATFORMS).toBe('[]');
    expect(config.choiceGamingPlatforms.size).toBe(0);
  });

  it('given the variable is set when the gateway config loads then its platforms are there', () => {
    const config = loadGatewayConfig({ OPERATOR_API_PLATFORMS, CHOICE_GAMING_PLATFORMS: JSON.stringify([{ platformId: 'cg', operatorId: 'c', privateKey: 'k'.repeat(16) }]) });
    expect(config.choiceGamingPlatforms.get('cg')?.operatorId).toBe('c');
  });

  it.each([
    ['not JSON', '[', /not valid JSON/],
    ['an object', '{}', /array of 0\.\.100 platforms/],
    ['101 platforms', JSON.stringify(Array.from({ length: 101 }, (_, i) => ({ platformId: `p${i}`, operatorId: 'c', privateKey: 'k'.repeat(16) }))), /array of 0\.\.100/],
    ['an upper-case platform id', JSON.stringify([{ platformId: 'CG', operatorId: 'c', privateKey: 'k'.repeat(16) }]), /\[0\]\.platformId/],
    ['a "|" in an operator id', JSON.stringify([{ platformId: 'cg', operatorId: 'a|b', privateKey: 'k'.repeat(16) }]), /\[0\]\.operatorId/],
    ['a 15-character key', JSON.stringify([{ platformId: 'cg', operatorId: 'c', privateKey: 'k'.repeat(15) }]), /privateKey must be 16-200/],
    ['a 201-character key', JSON.stringify([{ platformId: 'cg', operatorId: 'c', privateKey: 'k'.repeat(201) }]), /privateKey must be 16-200/],
    ['a null entry', '[null]', /\[0\]\.platformId/],
    ['a platform listed twice', JSON.stringify([{ platformId: 'cg', operatorId: 'c', privateKey: 'k'.repeat(16) }, { platformId: 'cg', operatorId: 'd', privateKey: 'k'.repeat(16) }]), /listed twice/],
  ])('given %s when parsed then start-up fails naming CHOICE_GAMING_PLATFORMS', (_case, json, message) => {
    expect(() => parseChoiceGamingPlatforms(json)).toThrow(ConfigurationError);
    expect(() => parseChoiceGamingPlatforms(json)).toThrow(message);
    expect(() => parseChoiceGamingPlatforms(json)).toThrow(/CHOICE_GAMING_PLATFORMS/);
  });
});
