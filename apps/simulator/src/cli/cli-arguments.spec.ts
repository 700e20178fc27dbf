import { CliArguments, UsageError } from './cli-arguments';

describe('command-line options', () => {
  it('given "--rate 50" and "--duration-s=10", when parsed, then both forms are read', () => {
    const args = CliArguments.parse(['--rate', '50', '--duration-s=10'], ['rate', 'duration-s']);
    expect(args.integer('rate', 0, 1, 100)).toBe(50);
    expect(args.integer('duration-s', 0, 1, 100)).toBe(10);
  });

  it('given a misspelt option, when parsed, then it stops with the name', () => {
    expect(() => CliArguments.parse(['--rat', '50'], ['rate'])).toThrow(new UsageError('unknown option --rat'));
  });

  it('given a value outside its bound, when read, then it stops naming the bound', () => {
    expect(() => CliArguments.parse(['--rate', '50000'], ['rate']).integer('rate', 0, 1, 20000)).toThrow('--rate: an integer from 1 to 20000, got "50000"');
  });

  it('given fractions "0.05", "1" and "0.125", when read per mille, then they are 50, 1000 and 125; "0.0001" is refused', () => {
    const args = CliArguments.parse(['--a', '0.05', '--b', '1', '--c', '0.125', '--d', '0.0001'], ['a', 'b', 'c', 'd']);
    expect([args.perMille('a', 0), args.perMille('b', 0), args.perMille('c', 0)]).toEqual([50, 1000, 125]);
    expect(() => args.perMille('d', 0)).toThrow(UsageError);
  });

  it('given no --secret but SIMULATOR_SECRET_KEY, when required, then the environment is used', () => {
    process.env['SIMULATOR_SECRET_KEY'] = 'from-env';
    try {
      expect(CliArguments.parse([], ['secret']).required('secret', 'SIMULATOR_SECRET_KEY')).toBe('from-env');
    } finally {
      delete process.env['SIMULATOR_SECRET_KEY'];
    }
  });
});
