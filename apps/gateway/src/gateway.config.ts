import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';
import { CommonConfig, ConfigurationError, loadConfig } from '@wallet-platform/service-kit';
import { parseOperatorPlatformSettings, type OperatorPlatformSettings } from './operator-api/operator-platform-settings';

export class GatewayConfig extends CommonConfig {
  override HTTP_PORT = 18080;

  /**
   * How long the gateway waits for the wallet. Past it the platform gets OP_47 (timeout), and the
   * wallet skips the command if it has not started it yet.
   */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(30_000)
  WALLET_REPLY_TIMEOUT_MS = 3_000;

  /** Requests waiting for the wallet at once; past it new requests are answered OP_50 at once. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  WALLET_PENDING_REQUESTS_MAX = 5_000;

  /**
   * The platforms we serve, their operator ids and secret keys, as JSON:
   * `[{"platformId":"demo-platform","operators":[{"operatorId":"examplecasino","secretKey":"..."}]}]`,
   * and per platform, optional: `allowedSourceCidrs`, `trustedProxyCidrs`, `requestFreshnessSeconds`,
   * `singleCreditMax` (see OperatorPlatformSettings and docs/security.md).
   * In Kubernetes this comes from a Secret. It is never logged.
   */
  @IsString()
  @IsNotEmpty()
  OPERATOR_API_PLATFORMS = '';

  /**
   * The Choice Gaming platforms we serve, each with the operator id its players belong to and the
   * private key of its `Hash` header, as JSON:
   * `[{"platformId":"choice-gaming","operatorId":"examplecasino","privateKey":"..."}]`.
   * Optional: with `[]` every Choice Gaming call answers code 9 (platform not valid). A secret, never logged.
   */
  @IsString()
  CHOICE_GAMING_PLATFORMS = '[]';
}

export interface OperatorCredentials {
  readonly platformId: string;
  readonly operatorId: string;
  readonly secretKey: string;
}

/** One Operator API platform: what the gateway enforces for it, and its operators' credentials. */
export interface OperatorApiPlatform {
  readonly platformId: string;
  readonly settings: OperatorPlatformSettings;
  /** Operator id → credentials. */
  readonly operators: ReadonlyMap<string, OperatorCredentials>;
}

/** Platform id → platform. */
export type PlatformDirectory = ReadonlyMap<string, OperatorApiPlatform>;

const PLATFORMS_MAX = 100;
const OPERATORS_PER_PLATFORM_MAX = 100;
const SECRET_KEY_LENGTH_MIN = 16;

export function loadGatewayConfig(
  env: NodeJS.ProcessEnv = process.env,
): GatewayConfig & { platforms: PlatformDirectory; choiceGamingPlatforms: ChoiceGamingPlatformDirectory } {
  const config = loadConfig(GatewayConfig, env);
  return Object.freeze(
    Object.assign(Object.create(Object.getPrototypeOf(config)), config, {
      platforms: parsePlatforms(config.OPERATOR_API_PLATFORMS),
      choiceGamingPlatforms: parseChoiceGamingPlatforms(config.CHOICE_GAMING_PLATFORMS),
    }),
  );
}

export function parsePlatforms(json: string): PlatformDirectory {
  const fail = (problem: string): never => {
    throw new ConfigurationError([`OPERATOR_API_PLATFORMS: ${problem}`]);
  };
  let parsed: unknown;
  try {
    // Configuration, not money: no numbers are read from it.
    parsed = JSON.parse(json);
  } catch {
    fail('is not valid JSON');
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || parsed.length > PLATFORMS_MAX) fail(`must be an array of 1..${PLATFORMS_MAX} platforms`);
  const directory = new Map<string, OperatorApiPlatform>();
  for (const [index, entry] of (parsed as unknown[]).entries()) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) fail(`[${index}] must be an object`);
    const platform = entry as { platformId?: unknown; operators?: unknown };
    const platformId = platform?.platformId;
    if (typeof platformId !== 'string' || !/^[a-z0-9][a-z0-9-]{0,39}$/.test(platformId)) fail(`[${index}].platformId must be 1-40 chars of [a-z0-9-]`);
    if (directory.has(platformId as string)) fail(`platform ${String(platformId)} is listed twice`);
    const operators = platform.operators;
    if (!Array.isArray(operators) || operators.length === 0 || operators.length > OPERATORS_PER_PLATFORM_MAX) {
      fail(`[${index}].operators must be an array of 1..${OPERATORS_PER_PLATFORM_MAX}`);
    }
    const byOperator = new Map<string, OperatorCredentials>();
    for (const [operatorIndex, operatorEntry] of (operators as unknown[]).entries()) {
      const { operatorId, secretKey } = (operatorEntry ?? {}) as { operatorId?: unknown; secretKey?: unknown };
      const where = `[${index}].operators[${operatorIndex}]`;
      if (typeof operatorId !== 'string' || !/^[A-Za-z0-9_.-]{1,20}$/.test(operatorId)) fail(`${where}.operatorId must be 1-20 chars of [A-Za-z0-9_.-]`);
      if (typeof secretKey !== 'string' || secretKey.length < SECRET_KEY_LENGTH_MIN || secretKey.length > 200) {
        fail(`${where}.secretKey must be ${SECRET_KEY_LENGTH_MIN}-200 characters`);
      }
      if (byOperator.has(operatorId as string)) fail(`${where}: operator ${String(operatorId)} is listed twice`);
      byOperator.set(operatorId as string, { platformId: platformId as string, operatorId: operatorId as string, secretKey: secretKey as string });
    }
    const settings = parseOperatorPlatformSettings(entry as Record<string, unknown>, `[${index}]`, fail);
    directory.set(platformId as string, { platformId: platformId as string, settings, operators: byOperator });
  }
  return directory;
}

export interface ChoiceGamingCredentials {
  readonly platformId: string;
  /** The operator whose players this platform serves: its requests carry no operator id. */
  readonly operatorId: string;
  /** The key of the `Hash` header: sha256(privateKey + raw body). */
  readonly privateKey: string;
}

/** Platform id (the URL's) → its credentials. */
export type ChoiceGamingPlatformDirectory = ReadonlyMap<string, ChoiceGamingCredentials>;

const PRIVATE_KEY_LENGTH_MIN = 16;
const PRIVATE_KEY_LENGTH_MAX = 200;

/** Same rules as OPERATOR_API_PLATFORMS (ids, key length, no duplicates), but `[]` is allowed. */
export function parseChoiceGamingPlatforms(json: string): ChoiceGamingPlatformDirectory {
  const fail = (problem: string): never => {
    throw new ConfigurationError([`CHOICE_GAMING_PLATFORMS: ${problem}`]);
  };
  let parsed: unknown;
  try {
    // Configuration, not money: no numbers are read from it.
    parsed = JSON.parse(json);
  } catch {
    fail('is not valid JSON');
  }
  if (!Array.isArray(parsed) || parsed.length > PLATFORMS_MAX) fail(`must be an array of 0..${PLATFORMS_MAX} platforms`);
  const directory = new Map<string, ChoiceGamingCredentials>();
  for (const [index, entry] of (parsed as unknown[]).entries()) {
    const { platformId, operatorId, privateKey } = (entry ?? {}) as { platformId?: unknown; operatorId?: unknown; privateKey?: unknown };
    if (typeof platformId !== 'string' || !/^[a-z0-9][a-z0-9-]{0,39}$/.test(platformId)) fail(`[${index}].platformId must be 1-40 chars of [a-z0-9-]`);
    if (typeof operatorId !== 'string' || !/^[A-Za-z0-9_.-]{1,20}$/.test(operatorId)) fail(`[${index}].operatorId must be 1-20 chars of [A-Za-z0-9_.-]`);
    if (typeof privateKey !== 'string' || privateKey.length < PRIVATE_KEY_LENGTH_MIN || privateKey.length > PRIVATE_KEY_LENGTH_MAX) {
      fail(`[${index}].privateKey must be ${PRIVATE_KEY_LENGTH_MIN}-${PRIVATE_KEY_LENGTH_MAX} characters`);
    }
    if (directory.has(platformId as string)) fail(`platform ${String(platformId)} is listed twice`);
    directory.set(platformId as string, { platformId: platformId as string, operatorId: operatorId as string, privateKey: privateKey as string });
  }
  return directory;
}
