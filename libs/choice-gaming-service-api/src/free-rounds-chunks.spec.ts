import { chunkPlayers } from './free-rounds-chunks';
import { playerListsJsonLength } from './free-rounds-request';
import { PLAYER_LISTS_JSON_LENGTH_MAX } from './service-api-limits';

const players = (count: number, prefix = 'player') => Array.from({ length: count }, (_, i) => ({ playerId: `${prefix}-${i}`, externalReferenceId: `spring-2026.${i}` }));

describe('chunking players under the 20,000-character rule', () => {
  it('given 5,000 players when chunked then every chunk is within the limit, and each next player would not have fit', () => {
    const all = players(5000);
    const chunks = chunkPlayers(all);
    expect(chunks.flat()).toEqual(all);
    for (const [index, chunk] of chunks.entries()) {
      expect(playerListsJsonLength(chunk)).toBeLessThanOrEqual(PLAYER_LISTS_JSON_LENGTH_MAX);
      const next = chunks[index + 1]?.[0];
      if (next !== undefined) expect(playerListsJsonLength([...chunk, next])).toBeGreaterThan(PLAYER_LISTS_JSON_LENGTH_MAX);
    }
    expect(chunks).toHaveLength(9);
  });

  it('given ids that PHP escapes (non-ASCII, slashes) when chunked then their escaped length is what counts', () => {
    const escaped = Array.from({ length: 300 }, (_, i) => ({ playerId: `é/${'€'.repeat(10)}${i}`, externalReferenceId: `r${i}` }));
    const chunks = chunkPlayers(escaped, 2_000);
    expect(chunks.flat()).toHaveLength(300);
    for (const chunk of chunks) expect(playerListsJsonLength(chunk)).toBeLessThanOrEqual(2_000);
  });

  it('given a limit exactly at a chunk\'s length when chunked then the chunk is kept whole', () => {
    const three = players(3);
    expect(chunkPlayers(three, playerListsJsonLength(three))).toEqual([three]);
    expect(chunkPlayers(three, playerListsJsonLength(three) - 1)).toEqual([three.slice(0, 2), three.slice(2)]);
  });

  it('given no players when chunked then there is no chunk', () => {
    expect(chunkPlayers([])).toEqual([]);
  });
});
