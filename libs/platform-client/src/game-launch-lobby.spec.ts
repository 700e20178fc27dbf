import { buildLobbyUrl, type GameLaunchConfig } from './game-launch-url';

const config: GameLaunchConfig = { gameLaunchBaseUrl: 'https://launch.platform.example/', operatorId: 'examplecasino' };
const TOKEN = 'IfpdCsglTNR4xuFH0ijZ';

describe('real mode lobby launch URL', () => {
  it('given the vendor example lobby, then lobby_id takes the place of game_id', () => {
    const url = buildLobbyUrl(config, {
      lobbyId: 'portomaso',
      token: TOKEN,
      currency: 'EUR',
      language: 'en',
      device: 'mobile',
      homeUrl: 'https://api-host.com/generic/games',
    });

    expect(url).toBe(
      `https://launch.platform.example/?mode=real&lobby_id=portomaso&token=${TOKEN}&currency=EUR&language=en&operator_id=examplecasino` +
        '&home_url=https%3A%2F%2Fapi-host.com%2Fgeneric%2Fgames&device=mobile',
    );
    expect(url).not.toContain('game_id');
  });

  it('given a lobby id from the lobbies list, then it is sent as written', () => {
    const url = buildLobbyUrl(config, { lobbyId: 'evolution_game_shows', token: TOKEN, currency: 'GBP', language: 'en-GB', device: 'desktop', group: 'G1' });

    expect(url).toBe(
      `https://launch.platform.example/?mode=real&lobby_id=evolution_game_shows&token=${TOKEN}&currency=GBP&language=en-GB&operator_id=examplecasino&device=desktop&group=G1`,
    );
  });
});
