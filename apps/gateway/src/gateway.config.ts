import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';
import { choiceGamingPlatformsOf, operatorApiPlatformsOf, type PlatformRegistry, type Secret } from '@wallet-platform/platform-registry';
import { CommonConfig, loadConfigWithRegistry } from '@wallet-platform/service-kit';
import { operatorPlatformSettingsOf, type OperatorPlatformSettings } from './operator-api/operator-platform-settings';

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

  /**
   * Admission control at the edge (docs/reliability.md): requests with the wallet at once. The
   * wallet answers about 300 commands a second (docs/benchmarks.md: its peak, reached at 64
   * connections); by Little's law 256 in flight wait about 0.85 s, leaving most of the 3 s
   * deadline for a slower moment. More in flight adds no throughput, only latency, then OP_47.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  GATEWAY_IN_FLIGHT_MAX = 256;

  /**
   * Below the cap, the in-flight limit follows the wallet's measured throughput: its completions of
   * the last second × this target, so that an admitted request waits about this long for the wallet
   * however fast the wallet is at the moment (Little's law; docs/reliability.md). 0: the limit is
   * GATEWAY_IN_FLIGHT_MAX, fixed.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(30_000)
  GATEWAY_WALLET_WAIT_TARGET_MS = 600;

  /** The floor of the derived in-flight limit: enough to measure the wallet's throughput again after an idle or failed spell. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  GATEWAY_IN_FLIGHT_MIN = 128;

  /** Requests waiting for an in-flight slot at once; past it a request is shed at once (OP_50, never applied). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000)
  GATEWAY_QUEUE_MAX = 256;

  /**
   * The longest a request waits for a slot. Past it it is shed (OP_50, never applied): what is left
   * of its deadline would not be enough for the wallet. Capped at the deadline less the least time
   * a wallet call is started with (WALLET_CALL_TIME_MIN_MS).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(30_000)
  GATEWAY_QUEUE_TIME_BUDGET_MS = 300;

  /**
   * Past this event-loop lag the gateway's own CPU is the bottleneck: new requests are shed at
   * once (OP_50, never applied) so that the wallet's replies are still read in time.
   */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(10_000)
  GATEWAY_EVENT_LOOP_LAG_MAX_MS = 250;

  /** Requests waiting for the wallet at once; past it new requests are answered OP_50 at once (a backstop behind admission control). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  WALLET_PENDING_REQUESTS_MAX = 5_000;

  /**
   * How long the Choice Gaming adapter waits for the promotions service on /tournamentWin and
   * /promoWin. It must exceed the promotions service's two wallet calls (2 × its
   * WALLET_REPLY_TIMEOUT_MS): past it the provider gets 104 and its retry is answered once.
   */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(60_000)
  PROMOTIONS_REPLY_TIMEOUT_MS = 8_000;

  /** Prize requests waiting for the promotions service at once; past it they are answered 103 at once. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  PROMOTIONS_PENDING_REQUESTS_MAX = 1_000;

  /**
   * The platform registry (docs/platform-registry.md), JSON, from the one Kubernetes Secret every
   * service mounts. The gateway takes the inbound keys and edge settings of its Operator API and
   * Choice Gaming platforms. Required: a gateway with no platform serves nothing.
   */
  @IsString()
  @IsNotEmpty()
  PLATFORM_REGISTRY = '';
}

export interface OperatorCredentials {
  readonly platformId: string;
  readonly operatorId: string;
  readonly secretKey: Secret;
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

export interface ChoiceGamingCredentials {
  readonly platformId: string;
  /** The operator whose players this platform serves: its requests carry no operator id. */
  readonly operatorId: string;
  /** The key of the `Hash` header: sha256(privateKey + raw body). */
  readonly privateKey: Secret;
}

/** Platform id (the URL's) → its credentials. */
export type ChoiceGamingPlatformDirectory = ReadonlyMap<string, ChoiceGamingCredentials>;

export function loadGatewayConfig(
  env: NodeJS.ProcessEnv = process.env,
): GatewayConfig & { platforms: PlatformDirectory; choiceGamingPlatforms: ChoiceGamingPlatformDirectory } {
  const config = loadConfigWithRegistry(GatewayConfig, env);
  return Object.freeze(
    Object.assign(Object.create(Object.getPrototypeOf(config)), config, {
      platforms: platformDirectoryOf(config.platformRegistry),
      choiceGamingPlatforms: choiceGamingDirectoryOf(config.platformRegistry),
    }),
  );
}

/** The gateway's part of the registry: its Operator API platforms, by id, with their operators by id. */
export function platformDirectoryOf(registry: PlatformRegistry): PlatformDirectory {
  return new Map(
    operatorApiPlatformsOf(registry).map((platform) => [
      platform.platformId,
      {
        platformId: platform.platformId,
        settings: operatorPlatformSettingsOf(platform.edge),
        operators: new Map(platform.operators.map((operator) => [operator.operatorId, { platformId: platform.platformId, operatorId: operator.operatorId, secretKey: operator.secretKey }])),
      },
    ]),
  );
}

/** The Choice Gaming platforms, by the id in their URL, with the key of their `Hash` header. */
export function choiceGamingDirectoryOf(registry: PlatformRegistry): ChoiceGamingPlatformDirectory {
  return new Map(
    choiceGamingPlatformsOf(registry).map((platform) => [platform.platformId, { platformId: platform.platformId, operatorId: platform.operatorId, privateKey: platform.hashKey }]),
  );
}
