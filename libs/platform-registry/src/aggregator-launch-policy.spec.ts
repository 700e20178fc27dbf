import { AGGREGATOR_LAUNCH_POLICY_DEFAULT, aggregatorLaunchPolicySchema } from './aggregator-launch-policy';
import { parsePlatformRegistry } from './parse-platform-registry';
import { aggregatorsOf } from './platform-registry-views';

const registryWith = (launch: unknown) =>
  parsePlatformRegistry(JSON.stringify({ platforms: [{ platformId: 'zg', protocol: 'aggregator', api: { baseUrl: 'https://api.aggregator.example', apiKey: 'key-1' }, currencies: ['EUR'], usernamePrefix: 'wp', launch }] }));

describe('the aggregator launch policy (an aggregator entry of the registry)', () => {
  it('takes an amount or the whole balance; left out, the whole balance', () => {
    const policyOf = (launch: unknown) => {
      const parsed = registryWith(launch);
      if (!parsed.ok) throw new Error(parsed.problems.join('; '));
      return aggregatorsOf(parsed.registry)[0].launch;
    };
    expect(policyOf({ kind: 'amount', amount: '50.00' })).toEqual({ kind: 'amount', amount: '50.00' });
    expect(policyOf({ kind: 'whole-balance' })).toEqual({ kind: 'whole-balance' });
    expect(policyOf(undefined)).toEqual(AGGREGATOR_LAUNCH_POLICY_DEFAULT);
    expect(AGGREGATOR_LAUNCH_POLICY_DEFAULT).toEqual({ kind: 'whole-balance' });
  });

  it.each([
    [{ kind: 'amount', amount: 50 }, 'platforms[0].launch.amount: must be a decimal string such as "50.00"'],
    [{ kind: 'amount', amount: '0.00' }, 'platforms[0].launch.amount: must be a positive decimal of at most 2 places and 16 integer digits, without leading zeros'],
    [{ kind: 'amount', amount: '1.001' }, 'platforms[0].launch.amount: must be a positive decimal of at most 2 places and 16 integer digits, without leading zeros'],
    [{ kind: 'amount', amount: '050' }, 'platforms[0].launch.amount: must be a positive decimal of at most 2 places and 16 integer digits, without leading zeros'],
    [{ kind: 'amount' }, 'platforms[0].launch.amount: is required'],
    [{ kind: 'all' }, 'platforms[0].launch.kind: kind must be amount or whole-balance'],
    [{ kind: 'whole-balance', amount: '5.00' }, 'platforms[0].launch.amount: unknown field'],
    ['all', 'platforms[0].launch: kind must be amount or whole-balance'],
  ])('refuses %j, naming the field', (launch, message) => {
    const parsed = registryWith(launch);
    expect(parsed.ok ? [] : parsed.problems).toEqual([message]);
  });

  it('bounds the amount at 16 integer digits', () => {
    expect(aggregatorLaunchPolicySchema.safeParse({ kind: 'amount', amount: '9999999999999999.99' }).success).toBe(true);
    expect(aggregatorLaunchPolicySchema.safeParse({ kind: 'amount', amount: '10000000000000000' }).success).toBe(false);
  });
});
