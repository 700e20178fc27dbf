/**
 * The stack the network fuzzer runs against (shared by the command and the e2e run): the real
 * services, a Choice Gaming platform on the gateway, admin keys on the promotions and reports
 * APIs so that the fuzzer also reaches past their authentication, and players with money.
 */
import { createHash } from 'node:crypto';
import { TEST_OPERATOR_ID, TestStack, type SeededPlayer } from '@wallet-platform/test-stack';
import { FUZZ_CHOICE_GAMING_PLATFORM_ID, FUZZ_CHOICE_GAMING_PRIVATE_KEY, FUZZ_SERVICE_ADMIN_KEY } from './network-fuzz';

export async function startFuzzStack(portBase: number, players: number): Promise<{ stack: TestStack; players: SeededPlayer[] }> {
  const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');
  const stack = new TestStack(portBase, { BACK_OFFICE_API_KEYS: JSON.stringify([{ name: 'fuzz-admin', role: 'admin', sha256: sha256(FUZZ_SERVICE_ADMIN_KEY) }]) });
  stack.extraPlatforms.push({ platformId: FUZZ_CHOICE_GAMING_PLATFORM_ID, protocol: 'choice-gaming', operatorId: TEST_OPERATOR_ID, hashKey: FUZZ_CHOICE_GAMING_PRIVATE_KEY });
  await stack.start(0);
  await stack.startGateway(0, { WALLET_REPLY_TIMEOUT_MS: '3000' });
  const seeded: SeededPlayer[] = [];
  for (let i = 0; i < players; i++) seeded.push(await stack.seedPlayer({ balance: '1000.00' }));
  return { stack, players: seeded };
}

export function fuzzPorts(portBase: number) {
  return { gateway: portBase, wallet: portBase + 1, promotions: portBase + 2, reporting: portBase + 3 };
}
