import { BlockList, isIP } from 'node:net';
import { AMOUNT_SCALE, Money } from '@wallet-platform/money';
import { ANY_CURRENCY, type OperatorApiEdge } from '@wallet-platform/platform-registry';

/**
 * What the gateway enforces per Operator API platform around the protocol's weak signature (it
 * covers `command . request_timestamp . secret`, never `data`). The one typed place for these
 * settings: the platform registry's `edge` (libs/platform-registry, its schema checks each field),
 * next to the platform's credentials. docs/security.md gives the reasoning of each.
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

export { ANY_CURRENCY, REQUEST_FRESHNESS_SECONDS_DEFAULT, SINGLE_CREDIT_MAX_DEFAULT } from '@wallet-platform/platform-registry';

/** The settings the registry gives a platform (already validated by its schema), in the form the edge checks use. */
export function operatorPlatformSettingsOf(edge: OperatorApiEdge): OperatorPlatformSettings {
  return {
    allowedSources: sourceListOf(edge.allowedSourceCidrs),
    trustedProxies: sourceListOf(edge.trustedProxyCidrs),
    requestFreshnessSeconds: edge.requestFreshnessSeconds,
    singleCreditMax: new Map(Object.entries(edge.singleCreditMax)),
  };
}

function sourceListOf(cidrs: readonly string[] | undefined): SourceList | null {
  if (cidrs === undefined) return null;
  const blocks = new BlockList();
  for (const cidr of cidrs) {
    const [address, prefix] = cidr.split('/');
    blocks.addSubnet(address, Number(prefix), isIP(address) === 4 ? 'ipv4' : 'ipv6');
  }
  return { blocks, cidrs };
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
