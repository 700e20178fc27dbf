import { parseCommandArguments, type ArgumentSpec } from './argument-parser';
import { UsageError } from './input-errors';

const ADJUST: ArgumentSpec = {
  positionals: ['PLAYER_ID', 'SIGNED_AMOUNT'],
  options: {
    reason: { type: 'string', value: 'R', required: true, description: 'why' },
    key: { type: 'string', value: 'KEY', description: 'idempotency key' },
  },
};
const LIMITS: ArgumentSpec = {
  positionals: ['PLAYER_ID'],
  options: {
    'daily-wager': { type: 'string', value: 'D|none', description: 'wager' },
    mode: { type: 'string', value: 'M', choices: ['real', 'fun'], description: 'mode' },
    all: { type: 'boolean', description: 'all pages' },
  },
};

describe('command arguments', () => {
  const usageError = (spec: ArgumentSpec, argv: string[]): string => {
    try {
      parseCommandArguments(spec, argv);
    } catch (error) {
      if (error instanceof UsageError) return error.message;
      throw error;
    }
    throw new Error('expected a UsageError');
  };

  it('reads positionals by name and options in any order, --opt value or --opt=value', () => {
    const parsed = parseCommandArguments(ADJUST, ['--reason=goodwill', 'p-1', '--json', '12.50', '--key', 'k-00000001']);
    expect(parsed).toEqual({ positionals: { PLAYER_ID: 'p-1', SIGNED_AMOUNT: '12.50' }, options: { reason: 'goodwill', key: 'k-00000001' }, json: true, help: false });
  });

  it('takes a negative amount as an argument, not as options, wherever it stands', () => {
    expect(parseCommandArguments(ADJUST, ['p-1', '-5.00', '--reason', 'correction']).positionals['SIGNED_AMOUNT']).toBe('-5.00');
    expect(parseCommandArguments(ADJUST, ['--reason', 'correction', 'p-1', '-.5']).positionals['SIGNED_AMOUNT']).toBe('-.5');
    expect(parseCommandArguments(LIMITS, ['p-1', '--daily-wager', '-5']).options['daily-wager']).toBe('-5');
  });

  it('refuses a missing or an extra positional', () => {
    expect(usageError(ADJUST, ['p-1', '--reason', 'r'])).toBe('missing SIGNED_AMOUNT');
    expect(usageError(ADJUST, ['--reason', 'r'])).toBe('missing PLAYER_ID SIGNED_AMOUNT');
    expect(usageError(ADJUST, ['p-1', '5', '6', '--reason', 'r'])).toBe('unexpected argument "6"');
  });

  it('refuses a missing required option, an unknown one, a repeated one and a bad choice', () => {
    expect(usageError(ADJUST, ['p-1', '5'])).toBe('--reason R is required');
    expect(usageError(ADJUST, ['p-1', '5', '--reason', 'r', '--reasn', 'x'])).toBe('unknown option --reasn');
    expect(usageError(ADJUST, ['p-1', '5', '--reason', 'a', '--reason', 'b'])).toBe('--reason is given twice');
    expect(usageError(LIMITS, ['p-1', '--mode', 'demo'])).toBe('--mode must be one of real, fun; got "demo"');
  });

  it('says how to give an option a value, and that a flag takes none', () => {
    expect(usageError(ADJUST, ['p-1', '5', '--reason'])).toContain('--reason needs a value');
    expect(usageError(LIMITS, ['p-1', '--all=yes'])).toBe('--all takes no value');
  });

  it('bounds the arguments it accepts', () => {
    expect(usageError(ADJUST, ['p-1', '5', '--reason', 'x'.repeat(4097)])).toContain('longer than 4096 characters');
    expect(usageError(ADJUST, Array.from({ length: 65 }, () => 'x'))).toBe('more than 64 arguments');
  });

  it('answers --help and -h without checking anything else', () => {
    expect(parseCommandArguments(ADJUST, ['--help']).help).toBe(true);
    expect(parseCommandArguments(ADJUST, ['-h', 'extra', 'args']).help).toBe(true);
  });
});
