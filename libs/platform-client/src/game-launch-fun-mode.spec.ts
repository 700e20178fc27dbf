import { buildFunModeGameUrl, type GameLaunchConfig } from './game-launch-url';

const config: GameLaunchConfig = { gameLaunchBaseUrl: 'https://launch.platform.example/', operatorId: 'examplecasino' };

describe('fun mode game launch URL', () => {
  it('given the vendor example, then mode=fun and no token', () => {
    const url = buildFunModeGameUrl(config, { gameId: '37', language: 'en', device: 'desktop' });

    expect(url).toBe('https://launch.platform.example/?mode=fun&game_id=37&language=en&operator_id=examplecasino&device=desktop');
    expect(url).not.toContain('token');
  });

  it('given a currency and a home URL, then both are added in template order', () => {
    const url = buildFunModeGameUrl(config, { gameId: '37', language: 'de', device: 'mobile', currency: 'EUR', homeUrl: 'https://casino.example/demo?tab=slots' });

    expect(url).toBe(
      'https://launch.platform.example/?mode=fun&game_id=37&currency=EUR&language=de&operator_id=examplecasino&home_url=https%3A%2F%2Fcasino.example%2Fdemo%3Ftab%3Dslots&device=mobile',
    );
  });
});
