import {
  buildFunModeGameUrl,
  buildLobbyUrl,
  buildRealModeGameUrl,
  GameLaunchParameterError,
  type GameLaunchConfig,
  type LaunchDevice,
  type RealModeGameLaunch,
} from './game-launch-url';

const config: GameLaunchConfig = { gameLaunchBaseUrl: 'https://launch.platform.example/', operatorId: 'examplecasino' };
const valid: RealModeGameLaunch = { gameId: '37', token: 'IfpdCsglTNR4xuFH0ijZ', currency: 'EUR', language: 'en', device: 'desktop' };

function parameterRefused(build: () => string): string {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(GameLaunchParameterError);
    const refusal = error as GameLaunchParameterError;
    // The message names the parameter too, for logs that only keep the message.
    expect(refusal.message).toContain(`game launch parameter ${refusal.parameter}:`);
    return refusal.parameter;
  }
  throw new Error('expected a GameLaunchParameterError');
}

describe('game launch parameter validation: the error names the parameter', () => {
  it.each<[string, Partial<RealModeGameLaunch>, string]>([
    ['a token of 19 characters', { token: 'A'.repeat(19) }, 'token'],
    ['a token of 51 characters', { token: 'A'.repeat(51) }, 'token'],
    ['a token with a dash', { token: 'IfpdCsglTNR4xuFH0ij-' }, 'token'],
    ['a non-numeric game id', { gameId: 'abc' }, 'game_id'],
    ['a game id of 7 digits', { gameId: '1234567' }, 'game_id'],
    ['a game id with a leading zero', { gameId: '037' }, 'game_id'],
    ['a lowercase currency', { currency: 'eur' }, 'currency'],
    ['a five-letter currency', { currency: 'EUROS' }, 'currency'],
    ['a language with an underscore', { language: 'en_US' }, 'language'],
    ['an uppercase language', { language: 'EN' }, 'language'],
    ['a language longer than 5 characters', { language: 'zh-Hant' }, 'language'],
    ['an empty language', { language: '' }, 'language'],
    ['a javascript: home URL', { homeUrl: 'javascript:alert(1)' }, 'home_url'],
    ['a relative home URL', { homeUrl: '/lobby' }, 'home_url'],
    ['a home URL of 501 characters', { homeUrl: `https://casino.example/${'a'.repeat(478)}` }, 'home_url'],
    ['a home URL with a newline', { homeUrl: 'https://casino.example/\nlobby' }, 'home_url'],
    ['an ftp deposit URL', { depositUrl: 'ftp://casino.example/deposit' }, 'deposit_url'],
    ['a tablet device', { device: 'tablet' as LaunchDevice }, 'device'],
    ['a group of 15 characters', { group: 'G'.repeat(15) }, 'group'],
    ['a group with a dash', { group: 'vip-1' }, 'group'],
    ['a client name of 15 characters', { clientName: 'c'.repeat(15) }, 'clientName'],
    ['a client name with "|"', { clientName: 'a|b' }, 'clientName'],
  ])('given %s, then the error names it', (_case, override, parameter) => {
    expect(parameterRefused(() => buildRealModeGameUrl(config, { ...valid, ...override }))).toBe(parameter);
  });

  it('given a home URL of exactly 500 characters, then it is accepted', () => {
    const homeUrl = `https://casino.example/${'a'.repeat(477)}`.slice(0, 500);
    expect(homeUrl).toHaveLength(500);
    expect(buildRealModeGameUrl(config, { ...valid, homeUrl })).toContain('home_url=');
  });

  it('given a plain-http launch host on the internet, then gameLaunchBaseUrl is refused', () => {
    expect(parameterRefused(() => buildRealModeGameUrl({ ...config, gameLaunchBaseUrl: 'http://launch.platform.example/' }, valid))).toBe('gameLaunchBaseUrl');
  });

  it('given a launch host with a query string, then gameLaunchBaseUrl is refused', () => {
    expect(parameterRefused(() => buildRealModeGameUrl({ ...config, gameLaunchBaseUrl: 'https://launch.platform.example/?a=1' }, valid))).toBe('gameLaunchBaseUrl');
  });

  it('given an operator id longer than 20 characters, then operator_id is refused', () => {
    expect(parameterRefused(() => buildRealModeGameUrl({ ...config, operatorId: 'o'.repeat(21) }, valid))).toBe('operator_id');
  });

  it('given a lobby id with a space, then lobby_id is refused', () => {
    expect(parameterRefused(() => buildLobbyUrl(config, { ...valid, lobbyId: 'game shows' }))).toBe('lobby_id');
  });

  it('given a fun mode launch with a bad language, then language is refused', () => {
    expect(parameterRefused(() => buildFunModeGameUrl(config, { gameId: '37', language: 'english', device: 'desktop' }))).toBe('language');
  });
});
