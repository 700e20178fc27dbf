import { AGGREGATOR_LAUNCH_POLICY_DEFAULT, aggregatorLaunchPolicySchema, parseAggregatorLaunchPolicy } from './aggregator-launch-policy';

describe('the aggregator launch policy', () => {
  it('takes an amount or the whole balance; left out, the whole balance', () => {
    expect(parseAggregatorLaunchPolicy({ kind: 'amount', amount: '50.00' }, 'aggregator zg')).toEqual({ kind: 'amount', amount: '50.00' });
    expect(parseAggregatorLaunchPolicy({ kind: 'whole-balance' }, 'aggregator zg')).toEqual({ kind: 'whole-balance' });
    expect(parseAggregatorLaunchPolicy(undefined, 'aggregator zg')).toBe(AGGREGATOR_LAUNCH_POLICY_DEFAULT);
    expect(AGGREGATOR_LAUNCH_POLICY_DEFAULT).toEqual({ kind: 'whole-balance' });
  });

  it.each([
    [{ kind: 'amount', amount: 50 }, 'aggregator zg.launch.amount: must be a decimal string such as "50.00"'],
    [{ kind: 'amount', amount: '0.00' }, 'aggregator zg.launch.amount: must be a positive decimal of at most 2 places and 16 integer digits, without leading zeros'],
    [{ kind: 'amount', amount: '1.001' }, 'aggregator zg.launch.amount: must be a positive decimal of at most 2 places and 16 integer digits, without leading zeros'],
    [{ kind: 'amount', amount: '050' }, 'aggregator zg.launch.amount: must be a positive decimal of at most 2 places and 16 integer digits, without leading zeros'],
    [{ kind: 'amount' }, 'aggregator zg.launch.amount: must be a decimal string such as "50.00"'],
    [{ kind: 'all' }, 'aggregator zg.launch.kind: kind must be amount or whole-balance'],
    [{ kind: 'whole-balance', amount: '5.00' }, 'aggregator zg.launch: Unrecognized key: "amount"'],
    ['all', 'aggregator zg.launch: kind must be amount or whole-balance'],
  ])('refuses %j, naming the field', (policy, message) => {
    expect(() => parseAggregatorLaunchPolicy(policy, 'aggregator zg')).toThrow(message);
  });

  it('is a zod schema the platform registry can embed', () => {
    expect(aggregatorLaunchPolicySchema.safeParse({ kind: 'amount', amount: '9999999999999999.99' }).success).toBe(true);
    expect(aggregatorLaunchPolicySchema.safeParse({ kind: 'amount', amount: '10000000000000000' }).success).toBe(false);
  });
});
