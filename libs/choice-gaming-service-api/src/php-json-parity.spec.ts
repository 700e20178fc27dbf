import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { Money, currencyCodeOf } from '@wallet-platform/money';
import { encodeServiceApiRequest, FreeRoundsAction, freeRoundsDataJson, serviceApiHash, type FreeRoundsGrant } from './free-rounds-request';
import { PhpFloat, phpJsonEncode, type PhpJsonValue } from './php-json';

/**
 * Our encoder against PHP itself (Debian's php-cli, installed by tools/dev/install.sh): PHP decodes
 * each of our texts as the provider does (json_decode, associative arrays), re-encodes it with
 * json_encode and signs it as the vendor's example does; bytes and hash must be ours exactly.
 * All cases go through one `php -r` so the suite stays well under a second.
 */
const PHP_ROUND_TRIP = `
$cases = json_decode(stream_get_contents(STDIN), true, 512, JSON_THROW_ON_ERROR);
$out = [];
foreach ($cases as $case) {
  $data = json_decode($case['json'], true, 512, JSON_THROW_ON_ERROR);
  $encoded = json_encode($data);
  $out[] = ['json' => base64_encode($encoded), 'hash' => hash('sha256', $case['key'] . $case['time'] . $encoded)];
}
echo json_encode($out);
`;

interface PhpResult {
  readonly json: string;
  readonly hash: string;
}

function phpRoundTrip(cases: readonly { json: string; key: string; time: string }[]): PhpResult[] {
  let output: string;
  try {
    output = execFileSync('php', ['-r', PHP_ROUND_TRIP], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    throw new Error(`php-cli is needed for this test (bash tools/dev/install.sh installs it): ${String(error)}`);
  }
  return (JSON.parse(output) as PhpResult[]).map((result) => ({ json: Buffer.from(result.json, 'base64').toString('utf8'), hash: result.hash }));
}

const KEY = 'cg-private-key/ünïcode-0123';
const TIME = '24-03-2021 11:03:04';

/** A seeded generator, so a failure names a case that can be run again. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = ['a', 'Z', '0', '/', '\\', '"', "'", ' ', '\n', '\t', '\u0001', '\u001f', '\u007f', 'é', '€', 'ß', '中', '😀', '\u2028', '-', '_', '.', ':', '<', '&'];

function randomText(random: () => number, lengthMax: number): string {
  const length = Math.floor(random() * lengthMax);
  let text = '';
  for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return text;
}

function randomDecimal(random: () => number): string {
  const integer = String(Math.floor(random() * 10 ** (1 + Math.floor(random() * 12))));
  const cents = String(Math.floor(random() * 100)).padStart(2, '0');
  return `${integer}.${cents}`;
}

describe('our json_encode against PHP json_encode', () => {
  describe('given hand-picked values that PHP writes in its own way', () => {
    it('when PHP decodes and re-encodes each of our texts then the bytes and the signature are ours exactly', () => {
      const values: PhpJsonValue[] = [
        { playerId: 'a/b', externalReferenceId: 'ref "1" \\ é😀\u0001\u007f\n', amount: PhpFloat.fromDecimal('0.10') },
        { amounts: ['0.01', '0.30', '1.10', '10.00', '2.50', '999999999999.99', '123456789012.34', '0.0001', '0.00', '-0.00'].map(PhpFloat.fromDecimal) },
        { numberOfFreeRounds: 40, platform: 9_223_372_036_854_775_807n, flags: [true, false, null], nested: { list: [[], ['x']] } },
        { text: 'line\u2028paragraph\u2029 tab\t cr\r ff\f bs\b' },
      ];
      const texts = values.map((value) => phpJsonEncode(value));
      const results = phpRoundTrip(texts.map((json) => ({ json, key: KEY, time: TIME })));
      results.forEach((result, index) => {
        expect(result.json).toBe(texts[index]);
        expect(result.hash).toBe(serviceApiHash(KEY, TIME, texts[index]));
      });
    });
  });

  describe('given 300 seeded random grants data', () => {
    it('when PHP re-encodes them then every one comes back byte for byte', () => {
      const random = seeded(14);
      const texts = Array.from({ length: 300 }, () =>
        phpJsonEncode({
          playerIds: Array.from({ length: 1 + Math.floor(random() * 4) }, () => randomText(random, 30)),
          externalReferenceIds: [randomText(random, 30)],
          amount: PhpFloat.fromDecimal(randomDecimal(random)),
          numberOfFreeRounds: Math.floor(random() * 1000),
        }),
      );
      const results = phpRoundTrip(texts.map((json) => ({ json, key: KEY, time: TIME })));
      const mismatches = results.filter((result, index) => result.json !== texts[index]).map((result, index) => ({ ours: texts[index], php: result.json }));
      expect(mismatches).toEqual([]);
    });
  });

  describe('given whole service-API requests for both actions', () => {
    it.each([FreeRoundsAction.FreeRounds, FreeRoundsAction.FreeRoundsByBet])('when PHP reads the %s body as the provider does then its hash is the one we sent', (action) => {
      const grant: FreeRoundsGrant = {
        action,
        players: [
          { playerId: 'p/123', externalReferenceId: 'spring-2026.1' },
          { playerId: 'Jürgen', externalReferenceId: 'spring-2026.2' },
        ],
        validUntil: new Date('2021-04-13T11:04:04Z'),
        roundsCount: 40,
        bet: Money.parseOrThrow('0.10', 2, currencyCodeOf('EUR')),
        gameId: '2',
      };
      const encoded = encodeServiceApiRequest(grant, { platform: 8n, partnerId: 1n }, KEY, new Date('2021-03-24T11:03:04Z'));
      const body = JSON.parse(encoded.body) as { time: string; hash: string };
      const php = execFileSync('php', ['-r', `$r = json_decode(stream_get_contents(STDIN), true); echo hash('sha256', '${KEY}' . $r['time'] . json_encode($r['data']));`], {
        input: encoded.body,
        encoding: 'utf8',
      });
      expect(body.time).toBe('24-03-2021 11:03:04');
      expect(php).toBe(body.hash);
      expect(body.hash).toBe(createHash('sha256').update(`${KEY}${body.time}${freeRoundsDataJson(grant)}`, 'utf8').digest('hex'));
    });
  });
});
