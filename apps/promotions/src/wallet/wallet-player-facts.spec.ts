import { PLAYER_FACTS_USERS_MAX, WalletErrorKind, type PlayerFactsCommand, type PlayerFactsResult, type WalletReply } from '@wallet-platform/contracts';
import { PlayerFactsUnavailableError, PlayerStatus } from '../campaigns/domain/player-facts.port';
import { WalletPlayerFacts, type PlayerFactsWallet } from './wallet-player-facts';

function walletAnswering(answer: (command: PlayerFactsCommand) => WalletReply<PlayerFactsResult>): { wallet: PlayerFactsWallet; asked: PlayerFactsCommand[] } {
  const asked: PlayerFactsCommand[] = [];
  const wallet = { call: async (_type: string, _operatorId: string, _userId: string, command: PlayerFactsCommand) => (asked.push(command), answer(command)) } as unknown as PlayerFactsWallet;
  return { wallet, asked };
}

const OPERATORS: ReadonlyMap<string, string> = new Map([['choice-gaming', 'casino1']]);

describe('WalletPlayerFacts', () => {
  it('given more players than one call may ask when asked then the wallet gets chunks of PLAYER_FACTS_USERS_MAX under the platform\'s operator, and statuses map', async () => {
    const ids = Array.from({ length: PLAYER_FACTS_USERS_MAX + 5 }, (_, i) => `p${i}`);
    const { wallet, asked } = walletAnswering((command) => ({
      ok: true,
      result: { players: command.userIds.filter((id) => id !== 'p3').map((userId) => ({ userId, playerId: `w-${userId}`, status: userId === 'p1' ? 'blocked' : 'active', currency: 'EUR' })), tokenUserId: null },
    }));
    const facts = await new WalletPlayerFacts(wallet, OPERATORS).factsOf('choice-gaming', ids);
    expect(asked.map((command) => [command.caller, command.userIds.length, command.token])).toEqual([
      [{ platformId: 'choice-gaming', operatorId: 'casino1' }, PLAYER_FACTS_USERS_MAX, null],
      [{ platformId: 'choice-gaming', operatorId: 'casino1' }, 5, null],
    ]);
    expect(facts.size).toBe(ids.length - 1);
    expect(facts.get('p1')).toEqual({ playerId: 'p1', status: PlayerStatus.Blocked, currency: 'EUR', walletPlayerId: 'w-p1' });
    expect(facts.get('p2')?.status).toBe(PlayerStatus.Active);
    expect(facts.has('p3')).toBe(false);
  });

  it('given the wallet does not answer a chunk then the whole add fails as unavailable (no player is decided on a guess)', async () => {
    const { wallet } = walletAnswering(() => ({ ok: false, error: { kind: WalletErrorKind.Timeout, message: 'Timeout' } }));
    await expect(new WalletPlayerFacts(wallet, OPERATORS).factsOf('choice-gaming', ['p1'])).rejects.toThrow(PlayerFactsUnavailableError);
  });

  it('given a platform without a configured operator then unavailable, and the wallet is not asked', async () => {
    const { wallet, asked } = walletAnswering(() => ({ ok: true, result: { players: [], tokenUserId: null } }));
    await expect(new WalletPlayerFacts(wallet, OPERATORS).factsOf('other', ['p1'])).rejects.toThrow(/no operator is configured for platform other/);
    expect(asked).toHaveLength(0);
  });
});
