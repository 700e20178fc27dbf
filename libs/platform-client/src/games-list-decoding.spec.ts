import { decodeGamesList, decodeLobbiesList } from './catalog-decoders';
import { jsonText } from './platform-json';
import { DETAILS_JSON_BYTES_MAX } from './platform-client-limits';
import { ResponseShapeError } from './response-fields';
import { parsedFixture } from './testing/parse-fixture';

function gameJson(members: Record<string, string>): string {
  const all: Record<string, string> = {
    id: '1',
    title: '"Apocalypse Slot"',
    platform: '"desktop"',
    type: '"slots"',
    enabled: '1',
    fun_mode: '1',
    vendor: '"test1"',
    created_at: '"2024-05-10"',
    ...members,
  };
  return `{${Object.entries(all)
    .filter(([, value]) => value !== '')
    .map(([key, value]) => `"${key}":${value}`)
    .join(',')}}`;
}

function refusal(text: string): ResponseShapeError {
  try {
    decodeGamesList(parsedFixture(text));
  } catch (error) {
    expect(error).toBeInstanceOf(ResponseShapeError);
    return error as ResponseShapeError;
  }
  throw new Error('expected a ResponseShapeError');
}

describe('games list decoding', () => {
  it('given the vendor example, then every field is typed and campaigns defaults to false', () => {
    const games = decodeGamesList(
      parsedFixture(
        '{"games":[{"id":1,"title":"Apocalypse Slot","platform":"desktop","type":"slots","enabled":1,"fun_mode":1,"vendor":"test1",' +
          '"created_at":"2024-05-10","details":{"description":{"en":"A dark knight rides a horse.","ru":"Темный рыцарь скачет на лошади."}}}]}',
      ),
    );

    expect(games).toHaveLength(1);
    const [game] = games;
    expect({ ...game, details: jsonText(game.details) }).toEqual({
      id: '1',
      title: 'Apocalypse Slot',
      platform: 'desktop',
      type: 'slots',
      enabled: true,
      funMode: true,
      campaigns: false,
      vendor: 'test1',
      createdAt: '2024-05-10',
      details: '{"description":{"en":"A dark knight rides a horse.","ru":"Темный рыцарь скачет на лошади."}}',
    });
  });

  it('given a 20-digit id as a JSON number, then the id keeps every digit', () => {
    const [game] = decodeGamesList(parsedFixture(`{"games":[${gameJson({ id: '12345678901234567890' })}]}`));

    expect(game.id).toBe('12345678901234567890');
  });

  it('given the id as a quoted string, then it is taken as the same id', () => {
    const [game] = decodeGamesList(parsedFixture(`{"games":[${gameJson({ id: '"98765432109876543210"' })}]}`));

    expect(game.id).toBe('98765432109876543210');
  });

  it('given disabled, no fun mode and campaigns, with flags spelled "0", 0 and true, then each reads right', () => {
    const [game] = decodeGamesList(parsedFixture(`{"games":[${gameJson({ enabled: '"0"', fun_mode: '0', campaigns: 'true' })}]}`));

    expect([game.enabled, game.funMode, game.campaigns]).toEqual([false, false, true]);
  });

  it('given no fun_mode, no created_at and no details, then false, null and null', () => {
    const [game] = decodeGamesList(parsedFixture(`{"games":[${gameJson({ fun_mode: '', created_at: '' })}]}`));

    expect([game.funMode, game.createdAt, game.details]).toEqual([false, null, null]);
  });

  it('given details with a long decimal, then the literal is kept in the opaque JSON', () => {
    const [game] = decodeGamesList(parsedFixture(`{"games":[${gameJson({ details: '{"rtp":96.500000000000000001,"lines":[1,2]}' })}]}`));

    expect(jsonText(game.details)).toBe('{"rtp":96.500000000000000001,"lines":[1,2]}');
  });

  it.each([
    ['a 21-digit id', { id: '123456789012345678901' }, '$.games[0].id'],
    ['a negative id', { id: '-5' }, '$.games[0].id'],
    ['a fractional id', { id: '1.5' }, '$.games[0].id'],
    ['an id with leading zeros', { id: '"007"' }, '$.games[0].id'],
    ['enabled missing', { enabled: '' }, '$.games[0].enabled'],
    ['enabled 2', { enabled: '2' }, '$.games[0].enabled'],
    ['enabled "yes"', { enabled: '"yes"' }, '$.games[0].enabled'],
    ['an empty title', { title: '""' }, '$.games[0].title'],
    ['a numeric vendor', { vendor: '7' }, '$.games[0].vendor'],
    ['a timestamp in created_at', { created_at: '"2024-05-10 10:00:00"' }, '$.games[0].created_at'],
    ['an impossible date', { created_at: '"2024-02-30"' }, '$.games[0].created_at'],
  ])('given %s, then the list is refused naming the field', (_case, members, path) => {
    expect(refusal(`{"games":[${gameJson(members)}]}`).path).toBe(path);
  });

  it('given the same id twice, then the list is refused: which one is enabled would depend on order', () => {
    const error = refusal(`{"games":[${gameJson({ id: '5' })},${gameJson({ id: '5', enabled: '0' })}]}`);

    expect(error.path).toBe('$.games[1].id');
  });

  it('given details larger than the bound, then the game is refused', () => {
    const error = refusal(`{"games":[${gameJson({ details: `"${'x'.repeat(DETAILS_JSON_BYTES_MAX)}"` })}]}`);

    expect(error.path).toBe('$.games[0].details');
  });

  it('given an answer without "games", then it is refused at the top', () => {
    expect(refusal('{"data":[]}').path).toBe('$.games');
    expect(refusal('[]').path).toBe('$');
  });
});

describe('lobbies list decoding', () => {
  it('given the vendor example, then lobby id, vendor and details are kept', () => {
    const lobbies = decodeLobbiesList(
      parsedFixture(
        '{"lobbies":[{"lobby_id":"evolution_game_shows","vendor":"evolution","details":{"thumbnails":{"300x300":"https://media.example/a.png"}}},' +
          '{"lobby_id":"evolution_baccarat_sicbo","vendor":"evolution"}]}',
      ),
    );

    expect(lobbies.map((lobby) => [lobby.lobbyId, lobby.vendor, lobby.details === null ? null : jsonText(lobby.details)])).toEqual([
      ['evolution_game_shows', 'evolution', '{"thumbnails":{"300x300":"https://media.example/a.png"}}'],
      ['evolution_baccarat_sicbo', 'evolution', null],
    ]);
  });

  it('given a lobby without lobby_id, then the list is refused naming it', () => {
    expect(() => decodeLobbiesList(parsedFixture('{"lobbies":[{"vendor":"evolution"}]}'))).toThrow('$.lobbies[0].lobby_id: expected a non-empty string, got missing');
  });
});
