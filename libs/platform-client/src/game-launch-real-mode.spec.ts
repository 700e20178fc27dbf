import { buildRealModeGameUrl, type GameLaunchConfig } from './game-launch-url';

const config: GameLaunchConfig = { gameLaunchBaseUrl: 'https://launch.platform.example/', operatorId: 'examplecasino' };
const TOKEN = 'IfpdCsglTNR4xuFH0ijZ';

describe('real mode game launch URL', () => {
  it('given the required parameters, then the URL carries them in template order, then device', () => {
    const url = buildRealModeGameUrl(config, { gameId: '37', token: TOKEN, currency: 'EUR', language: 'en', device: 'desktop' });

    expect(url).toBe(`https://launch.platform.example/?mode=real&game_id=37&token=${TOKEN}&currency=EUR&language=en&operator_id=examplecasino&device=desktop`);
  });

  it('given home_url as in the vendor example, then it is percent-encoded exactly as there', () => {
    const url = buildRealModeGameUrl(config, {
      gameId: '37',
      token: TOKEN,
      currency: 'EUR',
      language: 'en',
      device: 'mobile',
      homeUrl: 'https://api-host.com/generic/games',
    });

    expect(url).toBe(
      `https://launch.platform.example/?mode=real&game_id=37&token=${TOKEN}&currency=EUR&language=en&operator_id=examplecasino` +
        '&home_url=https%3A%2F%2Fapi-host.com%2Fgeneric%2Fgames&device=mobile',
    );
  });

  it('given every optional parameter, then each is present and encoded (query, ampersand, space)', () => {
    const url = buildRealModeGameUrl(config, {
      gameId: '123456',
      token: 'A'.repeat(50),
      currency: 'USD',
      language: 'en-US',
      device: 'desktop',
      homeUrl: 'https://casino.example/lobby?from=game&x=a+b',
      depositUrl: 'http://casino.example/cashier/deposit#top',
      group: 'VIP2025',
      clientName: 'brand_x',
    });

    expect(url).toBe(
      `https://launch.platform.example/?mode=real&game_id=123456&token=${'A'.repeat(50)}&currency=USD&language=en-US&operator_id=examplecasino` +
        '&home_url=https%3A%2F%2Fcasino.example%2Flobby%3Ffrom%3Dgame%26x%3Da%2Bb' +
        '&deposit_url=http%3A%2F%2Fcasino.example%2Fcashier%2Fdeposit%23top' +
        '&device=desktop&group=VIP2025&clientName=brand_x',
    );
  });

  it('given a launch host without a trailing slash, then the URL is the same as with one', () => {
    const withoutSlash = buildRealModeGameUrl({ ...config, gameLaunchBaseUrl: 'https://launch.platform.example' }, { gameId: '1', token: TOKEN, currency: 'EUR', language: 'en', device: 'desktop' });

    expect(withoutSlash).toBe(`https://launch.platform.example/?mode=real&game_id=1&token=${TOKEN}&currency=EUR&language=en&operator_id=examplecasino&device=desktop`);
  });

  it('given a launch host with a path prefix, then the prefix is kept as configured', () => {
    const url = buildRealModeGameUrl({ ...config, gameLaunchBaseUrl: 'https://cdn.platform.example/launch' }, { gameId: '1', token: TOKEN, currency: 'EUR', language: 'en', device: 'desktop' });

    expect(url).toBe(`https://cdn.platform.example/launch?mode=real&game_id=1&token=${TOKEN}&currency=EUR&language=en&operator_id=examplecasino&device=desktop`);
  });

  it('given an operator id with characters that need encoding, then URLSearchParams encodes them', () => {
    const url = buildRealModeGameUrl({ ...config, operatorId: 'casino&co=1' }, { gameId: '1', token: TOKEN, currency: 'EUR', language: 'en', device: 'desktop' });

    expect(url).toBe(`https://launch.platform.example/?mode=real&game_id=1&token=${TOKEN}&currency=EUR&language=en&operator_id=casino%26co%3D1&device=desktop`);
  });
});
