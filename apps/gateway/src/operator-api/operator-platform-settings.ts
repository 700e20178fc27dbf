import { BlockList, isIP } from 'node:net';
import { AMOUNT_SCALE, Money, currencyCodeOf, isCurrencyCode } from '@wallet-platform/money';

/**
 * What the gateway enforces per Operator API platform around the protocol's weak signature (it
 * covers `command . request_timestamp . secret`, never `data`). The one typed place for these
 * settings: they are read from OPERATOR_API_PLATFORMS (gateway.config.ts) next to the platform's
 * credentials, and will move with them into the platform registry (issue #9). docs/security.md
 * gives the reasoning of each.
 */
export interface OperatorPlatformSettings {
  /** Addresses allowed to call this platform's base URL; null when the platform sets none (any address). */
  readonly allowedSources: SourceList | null;
  /** Proxies whose `X-Forwarded-For` we believe; null: the header is ignored, the peer address counts. */
  readonly trustedProxies: SourceList | null;
  /**
   * How far `request_timestamp` may be from our clock, either way, on a money-moving request
   * (changebalance, cancel) for a transaction we have not seen.
   */
  readonly requestFreshnessSeconds: number;
  /** The largest single WIN or REFUND per currency; `*` for every currency not listed. */
  readonly singleCreditMax: ReadonlyMap<string, string>;
}

/** CIDR blocks (IPv4 and IPv6) with the text they were read from, for logs and docs. */
export interface SourceList {
  readonly blocks: BlockList;
  readonly cidrs: readonly string[];
}

/** Ours: five minutes either way covers clock skew and the platform's first quick retries. */
export const REQUEST_FRESHNESS_SECONDS_DEFAULT = 300;
export const REQUEST_FRESHNESS_SECONDS_MIN = 10;
export const REQUEST_FRESHNESS_SECONDS_MAX = 86_400;
/** Ours: one million in any currency unless the platform says otherwise (IDR-like currencies must). */
export const SINGLE_CREDIT_MAX_DEFAULT = '1000000.00';
export const ANY_CURRENCY = '*';
const CIDRS_MAX = 100;

export const DEFAULT_OPERATOR_PLATFORM_SETTINGS: OperatorPlatformSettings = Object.freeze({
  allowedSources: null,
  trustedProxies: null,
  requestFreshnessSeconds: REQUEST_FRESHNESS_SECONDS_DEFAULT,
  singleCreditMax: new Map([[ANY_CURRENCY, SINGLE_CREDIT_MAX_DEFAULT]]),
});

/** The settings of one platform entry of OPERATOR_API_PLATFORMS; `fail` throws the configuration error. */
export function parseOperatorPlatformSettings(entry: Record<string, unknown>, where: string, fail: (problem: string) => never): OperatorPlatformSettings {
  const freshness = entry['requestFreshnessSeconds'] ?? REQUEST_FRESHNESS_SECONDS_DEFAULT;
  if (typeof freshness !== 'number' || !Number.isInteger(freshness) || freshness < REQUEST_FRESHNESS_SECONDS_MIN || freshness > REQUEST_FRESHNESS_SECONDS_MAX) {
    fail(`${where}.requestFreshnessSeconds must be an integer ${REQUEST_FRESHNESS_SECONDS_MIN}..${REQUEST_FRESHNESS_SECONDS_MAX}`);
  }
  return {
    allowedSources: parseSourceList(entry['allowedSourceCidrs'], `${where}.allowedSourceCidrs`, fail),
    trustedProxies: parseSourceList(entry['trustedProxyCidrs'], `${where}.trustedProxyCidrs`, fail),
    requestFreshnessSeconds: freshness as number,
    singleCreditMax: parseSingleCreditMax(entry['singleCreditMax'], `${where}.singleCreditMax`, fail),
  };
}

function parseSourceList(value: unknown, where: string, fail: (problem: string) => never): SourceList | null {
  if (value === undefined) return null;
  if (!Array.isArray(value) || value.length === 0 || value.length > CIDRS_MAX) return fail(`${where} must be an array of 1..${CIDRS_MAX} CIDRs`);
  const blocks = new BlockList();
  for (const cidr of value as unknown[]) {
    const match = typeof cidr === 'string' ? /^([0-9a-fA-F:.]+)\/(\d{1,3})$/.exec(cidr) : null;
    const family = match ? isIP(match[1]) : 0;
    const prefix = match ? Number(match[2]) : -1;
    if (!match || family === 0 || prefix > (family === 4 ? 32 : 128)) fail(`${where}: ${JSON.stringify(cidr)} is not an address/prefix CIDR`);
    blocks.addSubnet((match as RegExpExecArray)[1], prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  return { blocks, cidrs: value as string[] };
}

function parseSingleCreditMax(value: unknown, where: string, fail: (problem: string) => never): ReadonlyMap<string, string> {
  if (value === undefined) return DEFAULT_OPERATOR_PLATFORM_SETTINGS.singleCreditMax;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(`${where} must be an object of currency → decimal amount`);
  const limits = new Map<string, string>();
  for (const [currency, amount] of Object.entries(value)) {
    if (currency !== ANY_CURRENCY && !isCurrencyCode(currency)) fail(`${where}: ${currency} is not a currency code or ${ANY_CURRENCY}`);
    const parsed = typeof amount === 'string' ? Money.parse(amount, AMOUNT_SCALE, currencyCodeOf('EUR')) : null;
    if (!parsed?.ok || !parsed.value.isPositive()) fail(`${where}.${currency} must be a positive decimal string of at most 2 places`);
    limits.set(currency, (parsed as { value: Money }).value.toDecimalString());
  }
  if (!limits.has(ANY_CURRENCY)) fail(`${where} must have a ${ANY_CURRENCY} entry for the currencies it does not list`);
  return limits;
}

/** The most a single credit may be in `amount`'s currency. */
export function singleCreditMaxFor(settings: OperatorPlatformSettings, amount: Money): Money {
  const limit = settings.singleCreditMax.get(amount.currencyCode) ?? (settings.singleCreditMax.get(ANY_CURRENCY) as string);
  return Money.parseOrThrow(limit, AMOUNT_SCALE, amount.currencyCode);
}

/**
 * The address that counts for the allow-list. The peer's own address, unless the peer is a
 * trusted proxy: then `X-Forwarded-For` is read from the right (each proxy appends the address it
 * saw), skipping trusted proxies, and the first address that is not one is the client. A header
 * from an untrusted peer is ignored: anyone can write one.
 */
export function sourceAddressOf(peerAddress: string | undefined, forwardedFor: string | undefined, trustedProxies: SourceList | null): string | null {
  const peer = normalizeAddress(peerAddress);
  if (peer === null) return null;
  if (trustedProxies === null || !isIn(trustedProxies, peer)) return peer;
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => hop !== '');
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = normalizeAddress(hops[index]);
    if (hop === null) return null;
    if (!isIn(trustedProxies, hop)) return hop;
  }
  // Every hop is a trusted proxy (or there is no header): the nearest one is the source.
  return peer;
}

export function isSourceAllowed(settings: OperatorPlatformSettings, source: string | null): boolean {
  if (settings.allowedSources === null) return true;
  return source !== null && isIn(settings.allowedSources, source);
}

function isIn(list: SourceList, address: string): boolean {
  return list.blocks.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6');
}

/** An IPv4 address, an IPv6 one, or an IPv4-mapped IPv6 one (`::ffff:10.0.0.1`) as IPv4; else null. */
function normalizeAddress(address: string | undefined): string | null {
  if (address === undefined) return null;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  const candidate = mapped ? mapped[1] : address;
  return isIP(candidate) === 0 ? null : candidate;
}
