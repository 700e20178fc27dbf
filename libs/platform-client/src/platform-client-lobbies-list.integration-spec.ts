import type { FakePlatformServer } from './testing/fake-platform-server';
import { clientFor, expectedAuthorization, startFakePlatform, TEST_OPERATOR_ID } from './testing/platform-client-test-kit';

describe('lobbies list over HTTP', () => {
  let fake: FakePlatformServer;

  beforeEach(async () => {
    fake = await startFakePlatform({
      lobbies: '{"lobbies":[{"lobby_id":"evolution_game_shows","vendor":"evolution","details":{"thumbnails":{"300x300":"https://media.example/gs.png"}}}]}',
    });
  });

  afterEach(() => fake.close());

  it('given lobbies, when listed, then the lobbies header is signed with "lobbies" and each lobby is read', async () => {
    const lobbies = await clientFor(fake).listLobbies();

    const [request] = fake.requests;
    expect([request.method, request.path]).toEqual(['GET', '/api/generic/lobbies/list/all']);
    expect(request.headers['x-operator-id']).toBe(TEST_OPERATOR_ID);
    expect(request.headers['x-authorization']).toBe(expectedAuthorization('lobbies'));
    expect(lobbies.map(({ lobbyId, vendor }) => ({ lobbyId, vendor }))).toEqual([{ lobbyId: 'evolution_game_shows', vendor: 'evolution' }]);
  });
});
