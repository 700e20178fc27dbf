import { isIP } from 'node:net';
import { z } from 'zod';
import { AMOUNT_SCALE, Money, currencyCodeOf, isCurrencyCode } from '@wallet-platform/money';
import {
  AGGREGATOR_API_KEY_LENGTH_MAX,
  AGGREGATOR_CURRENCIES_MAX,
  AGGREGATOR_OPERATORS_MAX,
  AGGREGATOR_PAGE_SIZE_MAX,
  AGGREGATOR_READ_ATTEMPTS_MAX,
  AGGREGATOR_RETRY_DELAY_MS_MAX,
  AGGREGATOR_TIMEOUT_MS_MAX,
  AGGREGATOR_TIMEOUT_MS_MIN,
  AGGREGATOR_TRANSFER_WINDOW_MS_MAX,
  AGGREGATORS_MAX,
  ANY_CURRENCY,
  CIDRS_MAX,
  OPERATORS_PER_PLATFORM_MAX,
  PLATFORMS_MAX,
  REQUEST_FRESHNESS_SECONDS_DEFAULT,
  REQUEST_FRESHNESS_SECONDS_MAX,
  REQUEST_FRESHNESS_SECONDS_MIN,
  SECRET_LENGTH_MAX,
  SECRET_LENGTH_MIN,
  SERVICE_API_TIMEOUT_MS_MAX,
  SERVICE_API_TIMEOUT_MS_MIN,
  SINGLE_CREDIT_MAX_DEFAULT,
  URL_LENGTH_MAX,
  USERNAME_PREFIX_LENGTH_MAX,
} from './platform-registry-limits';
import { AGGREGATOR_LAUNCH_POLICY_DEFAULT, aggregatorLaunchPolicySchema } from './aggregator-launch-policy';
import { Secret } from './secret';

/**
 * The one schema of the platform registry: every platform the casino works with, whatever its
 * protocol, with its operator ids, secrets, URLs and limits. Each service takes its part
 * (platform-registry-views.ts). Objects are strict: a misspelt field is an error, never ignored.
 * Messages never quote a value (it may be a secret).
 */

/** A platform id: a URL path segment (`/choice-gaming/v1/<platformId>`) and a database key. */
export const PLATFORM_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
/** An operator id as the platforms send it (Operator API `operator_id`). */
export const OPERATOR_ID_PATTERN = /^[A-Za-z0-9_.-]{1,20}$/;

export const PlatformProtocol = { OperatorApi: 'operator-api', ChoiceGaming: 'choice-gaming', Aggregator: 'aggregator' } as const;
export type PlatformProtocol = (typeof PlatformProtocol)[keyof typeof PlatformProtocol];

const platformId = z.string({ error: 'must be a string' }).regex(PLATFORM_ID_PATTERN, { error: 'must be 1-40 chars of [a-z0-9-], starting with a letter or digit' });
const operatorId = z.string({ error: 'must be a string' }).regex(OPERATOR_ID_PATTERN, { error: 'must be 1-20 chars of [A-Za-z0-9_.-]' });
const secret = z
  .string({ error: 'must be a string' })
  .min(SECRET_LENGTH_MIN, { error: `must be ${SECRET_LENGTH_MIN}-${SECRET_LENGTH_MAX} characters` })
  .max(SECRET_LENGTH_MAX, { error: `must be ${SECRET_LENGTH_MIN}-${SECRET_LENGTH_MAX} characters` })
  .transform((value) => new Secret(value));
const httpUrl = z
  .string({ error: 'must be a string' })
  .max(URL_LENGTH_MAX, { error: `must be at most ${URL_LENGTH_MAX} characters` })
  .refine(isHttpUrl, { error: 'must be an http(s) URL without credentials (they belong in the key fields)' });
const positiveInteger = z.int({ error: 'must be an integer' }).positive({ error: 'must be positive' });

const cidr = z.string({ error: 'must be a string' }).refine(isCidr, { error: 'must be an address/prefix CIDR (IPv4 or IPv6)' });
const cidrList = z.array(cidr, { error: 'must be an array of CIDRs' }).min(1, { error: `must hold 1..${CIDRS_MAX} CIDRs` }).max(CIDRS_MAX, { error: `must hold 1..${CIDRS_MAX} CIDRs` });

const creditLimit = z.string({ error: 'must be a decimal string' }).refine(
  (amount) => {
    const parsed = Money.parse(amount, AMOUNT_SCALE, currencyCodeOf('EUR'));
    return parsed.ok && parsed.value.isPositive();
  },
  { error: `must be a positive decimal string of at most ${AMOUNT_SCALE} places` },
);
const singleCreditMax = z
  .record(z.string().refine((currency) => currency === ANY_CURRENCY || isCurrencyCode(currency), { error: `keys must be currency codes or ${ANY_CURRENCY}` }), creditLimit, {
    error: (issue) => (issue.code === 'invalid_type' ? 'must be an object of currency → decimal amount' : `keys must be currency codes or ${ANY_CURRENCY}`),
  })
  .refine((limits) => ANY_CURRENCY in limits, { error: `must have a ${ANY_CURRENCY} entry for the currencies it does not list` });

/** What the gateway enforces at the edge for an Operator API platform (docs/security.md). */
const operatorApiEdge = z.strictObject({
  /** Addresses allowed to call this platform's base URL; any address when left out. */
  allowedSourceCidrs: cidrList.optional(),
  /** Proxies whose `X-Forwarded-For` we believe; the header is ignored when left out. */
  trustedProxyCidrs: cidrList.optional(),
  /** How far `request_timestamp` may be from our clock on a money-moving request we have not seen. */
  requestFreshnessSeconds: z
    .int({ error: 'must be an integer' })
    .min(REQUEST_FRESHNESS_SECONDS_MIN, { error: `must be ${REQUEST_FRESHNESS_SECONDS_MIN}..${REQUEST_FRESHNESS_SECONDS_MAX}` })
    .max(REQUEST_FRESHNESS_SECONDS_MAX, { error: `must be ${REQUEST_FRESHNESS_SECONDS_MIN}..${REQUEST_FRESHNESS_SECONDS_MAX}` })
    .default(REQUEST_FRESHNESS_SECONDS_DEFAULT),
  /** The largest single WIN or REFUND per currency; `*` for every currency not listed. */
  singleCreditMax: singleCreditMax.default({ [ANY_CURRENCY]: SINGLE_CREDIT_MAX_DEFAULT }),
});

const operatorApiPlatform = z.strictObject({
  platformId,
  protocol: z.literal(PlatformProtocol.OperatorApi),
  /** Each operator id with the shared key of both directions (their calls to us, ours to them). */
  operators: z
    .array(z.strictObject({ operatorId, secretKey: secret }), { error: 'must be an array of operators' })
    .min(1, { error: `must hold 1..${OPERATORS_PER_PLATFORM_MAX} operators` })
    .max(OPERATORS_PER_PLATFORM_MAX, { error: `must hold 1..${OPERATORS_PER_PLATFORM_MAX} operators` }),
  /** The platform's own API (catalog sync, business reports) and its game launcher; none when left out. */
  api: z
    .strictObject({
      baseUrl: httpUrl,
      gameLaunchBaseUrl: httpUrl,
      /** Whether the reporting service reconciles this platform's business reports (default yes). */
      reconcile: z.boolean({ error: 'must be true or false' }).default(true),
    })
    .optional(),
  edge: operatorApiEdge.default({ requestFreshnessSeconds: REQUEST_FRESHNESS_SECONDS_DEFAULT, singleCreditMax: { [ANY_CURRENCY]: SINGLE_CREDIT_MAX_DEFAULT } }),
});

const choiceGamingPlatform = z.strictObject({
  platformId,
  protocol: z.literal(PlatformProtocol.ChoiceGaming),
  /** The operator whose players this platform serves: its requests carry no operator id. */
  operatorId,
  /** The key of the provider's `Hash` header on its calls to us: sha256(key + raw body). */
  hashKey: secret,
  /** The provider's service API (free-round grants, by the promotions service); none when left out. */
  serviceApi: z
    .strictObject({
      url: httpUrl,
      platform: positiveInteger,
      partnerId: positiveInteger,
      privateKey: secret,
      timeoutMs: z
        .int({ error: 'must be an integer' })
        .min(SERVICE_API_TIMEOUT_MS_MIN, { error: `must be ${SERVICE_API_TIMEOUT_MS_MIN}..${SERVICE_API_TIMEOUT_MS_MAX} ms` })
        .max(SERVICE_API_TIMEOUT_MS_MAX, { error: `must be ${SERVICE_API_TIMEOUT_MS_MIN}..${SERVICE_API_TIMEOUT_MS_MAX} ms` })
        .optional(),
    })
    .optional(),
});

/** An integer in [min, max], its message stating the range. */
function integerIn(min: number, max: number, unit = ''): z.ZodInt {
  const range = `must be ${min}..${max}${unit}`;
  return z.int({ error: 'must be an integer' }).min(min, { error: range }).max(max, { error: range });
}

const currencyCode = z.string({ error: 'must be a string' }).refine(isCurrencyCode, { error: 'must be a currency code' });
const aggregatorTimeoutMs = integerIn(AGGREGATOR_TIMEOUT_MS_MIN, AGGREGATOR_TIMEOUT_MS_MAX, ' ms');

/**
 * A transfer-wallet aggregator (docs/aggregator.md): the wallet moves players' money to it and back
 * (transfers), syncs its catalog and checks balances; reporting reconciles its daily report; the
 * promotions service grants its free rounds. Its `platformId` is our aggregator id.
 */
const aggregatorPlatform = z.strictObject({
  platformId,
  protocol: z.literal(PlatformProtocol.Aggregator),
  /** Its External API: `{{api_url}}` and the `Authorization: Bearer` key (the externalApiKey). */
  api: z.strictObject({
    baseUrl: httpUrl,
    apiKey: z
      .string({ error: 'must be a string' })
      .max(AGGREGATOR_API_KEY_LENGTH_MAX, { error: `must be 1-${AGGREGATOR_API_KEY_LENGTH_MAX} printable ASCII characters` })
      .regex(/^[\x21-\x7e]+$/, { error: `must be 1-${AGGREGATOR_API_KEY_LENGTH_MAX} printable ASCII characters` })
      .transform((value) => new Secret(value)),
  }),
  /** The currencies our players play in there. */
  currencies: z
    .array(currencyCode, { error: 'must be an array of currency codes' })
    .min(1, { error: `must hold 1..${AGGREGATOR_CURRENCIES_MAX} currency codes` })
    .max(AGGREGATOR_CURRENCIES_MAX, { error: `must hold 1..${AGGREGATOR_CURRENCIES_MAX} currency codes` }),
  /** The start of our players' usernames there: a lowercase letter, then up to 5 lowercase letters or digits. */
  usernamePrefix: z
    .string({ error: 'must be a string' })
    .regex(new RegExp(`^[a-z][a-z0-9]{0,${USERNAME_PREFIX_LENGTH_MAX - 1}}$`), { error: `must be a lowercase letter then up to ${USERNAME_PREFIX_LENGTH_MAX - 1} lowercase letters or digits` }),
  /** The client's bounds; each left out takes the client's default (libs/aggregator-client). */
  limits: z
    .strictObject({
      readTimeoutMs: aggregatorTimeoutMs.optional(),
      transferTimeoutMs: aggregatorTimeoutMs.optional(),
      readAttemptsMax: integerIn(1, AGGREGATOR_READ_ATTEMPTS_MAX).optional(),
      retryDelayBaseMs: integerIn(0, AGGREGATOR_RETRY_DELAY_MS_MAX, ' ms').optional(),
      retryDelayMaxMs: integerIn(0, AGGREGATOR_RETRY_DELAY_MS_MAX, ' ms').optional(),
      pageSizeMax: integerIn(1, AGGREGATOR_PAGE_SIZE_MAX).optional(),
    })
    .optional(),
  /** How the wallet decides a transfer whose answer was lost; each left out takes the wallet's default. */
  transfers: z
    .strictObject({
      arrivalMarginMs: integerIn(0, AGGREGATOR_TRANSFER_WINDOW_MS_MAX, ' ms').optional(),
      historyLookbackMs: integerIn(0, AGGREGATOR_TRANSFER_WINDOW_MS_MAX, ' ms').optional(),
    })
    .optional(),
  /** Reporting reconciles its playerDailyReport when present: the report's currency and our operators there. */
  reconciliation: z
    .strictObject({
      baseCurrency: currencyCode,
      operatorIds: z
        .array(operatorId, { error: 'must be an array of operator ids' })
        .min(1, { error: `must hold 1..${AGGREGATOR_OPERATORS_MAX} operator ids` })
        .max(AGGREGATOR_OPERATORS_MAX, { error: `must hold 1..${AGGREGATOR_OPERATORS_MAX} operator ids` })
        .transform((ids) => [...new Set(ids)]),
    })
    .optional(),
  /** What a game launch there moves from the player's wallet (docs/aggregator.md#game-launch); the whole balance when left out. */
  launch: aggregatorLaunchPolicySchema.default(AGGREGATOR_LAUNCH_POLICY_DEFAULT),
  /** The promotions service grants free rounds there, for this operator's campaigns, when present. */
  freeRounds: z.strictObject({ operatorId }).optional(),
});

const platform = z.discriminatedUnion('protocol', [operatorApiPlatform, choiceGamingPlatform, aggregatorPlatform], {
  error: `protocol must be ${PlatformProtocol.OperatorApi}, ${PlatformProtocol.ChoiceGaming} or ${PlatformProtocol.Aggregator}`,
});

export const platformRegistrySchema = z
  .strictObject({
    platforms: z
      .array(platform, { error: 'must be an array of platforms' })
      .max(PLATFORMS_MAX, { error: `must hold at most ${PLATFORMS_MAX} platforms` }),
  })
  .superRefine((registry, context) => {
    const seen = new Set<string>();
    const aggregators = registry.platforms.filter((entry) => entry.protocol === PlatformProtocol.Aggregator).length;
    if (aggregators > AGGREGATORS_MAX) context.addIssue({ code: 'custom', path: ['platforms'], message: `must hold at most ${AGGREGATORS_MAX} aggregators` });
    registry.platforms.forEach((entry, index) => {
      if (seen.has(entry.platformId)) context.addIssue({ code: 'custom', path: ['platforms', index, 'platformId'], message: `platform ${entry.platformId} is listed twice` });
      seen.add(entry.platformId);
      if (entry.protocol === PlatformProtocol.Aggregator) {
        const limits = entry.limits;
        if (limits?.retryDelayBaseMs !== undefined && limits.retryDelayMaxMs !== undefined && limits.retryDelayBaseMs > limits.retryDelayMaxMs) {
          context.addIssue({ code: 'custom', path: ['platforms', index, 'limits', 'retryDelayBaseMs'], message: 'must not exceed retryDelayMaxMs' });
        }
        return;
      }
      if (entry.protocol !== PlatformProtocol.OperatorApi) return;
      const operators = new Set<string>();
      entry.operators.forEach((operator, operatorIndex) => {
        if (operators.has(operator.operatorId)) {
          context.addIssue({ code: 'custom', path: ['platforms', index, 'operators', operatorIndex, 'operatorId'], message: `operator ${operator.operatorId} is listed twice` });
        }
        operators.add(operator.operatorId);
      });
    });
  });

export type PlatformRegistry = z.output<typeof platformRegistrySchema>;
export type RegistryPlatform = PlatformRegistry['platforms'][number];
export type OperatorApiRegistryPlatform = Extract<RegistryPlatform, { protocol: typeof PlatformProtocol.OperatorApi }>;
export type ChoiceGamingRegistryPlatform = Extract<RegistryPlatform, { protocol: typeof PlatformProtocol.ChoiceGaming }>;
export type AggregatorRegistryPlatform = Extract<RegistryPlatform, { protocol: typeof PlatformProtocol.Aggregator }>;
/** An Operator API platform's edge settings, validated and with defaults filled in. */
export type OperatorApiEdge = OperatorApiRegistryPlatform['edge'];
/** The document as written (secrets as text), e.g. for tests and tools that write one. */
export type PlatformRegistryDocument = z.input<typeof platformRegistrySchema>;

function isHttpUrl(text: string): boolean {
  if (/\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

function isCidr(text: string): boolean {
  const match = /^([0-9a-fA-F:.]+)\/(\d{1,3})$/.exec(text);
  if (!match) return false;
  const family = isIP(match[1]);
  return family !== 0 && Number(match[2]) <= (family === 4 ? 32 : 128);
}
