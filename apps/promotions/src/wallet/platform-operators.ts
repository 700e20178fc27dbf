import { ConfigurationError } from '@wallet-platform/service-kit';

/** Platform id → the operator id its players belong to in the wallet. */
export type PlatformOperators = ReadonlyMap<string, string>;

const PLATFORMS_MAX = 100;

/**
 * `PLATFORM_OPERATORS`: JSON `[{"platformId":"choice-gaming","operatorId":"examplecasino"}]`, the
 * operator whose players a platform's campaigns grant (the gateway's CHOICE_GAMING_PLATFORMS names
 * the same pairs). Awards need none: the gateway sends the operator with each one.
 */
export function parsePlatformOperators(json: string): PlatformOperators {
  const fail = (problem: string): never => {
    throw new ConfigurationError([`PLATFORM_OPERATORS: ${problem}`]);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    fail('is not valid JSON');
  }
  if (!Array.isArray(parsed) || parsed.length > PLATFORMS_MAX) fail(`must be an array of at most ${PLATFORMS_MAX} platforms`);
  const operators = new Map<string, string>();
  (parsed as unknown[]).forEach((entry, index) => {
    const { platformId, operatorId } = (entry ?? {}) as Record<string, unknown>;
    if (typeof platformId !== 'string' || !/^[A-Za-z0-9._-]{1,40}$/.test(platformId)) fail(`[${index}].platformId must be 1-40 chars of [A-Za-z0-9._-]`);
    if (typeof operatorId !== 'string' || !/^[A-Za-z0-9_.-]{1,20}$/.test(operatorId)) fail(`[${index}].operatorId must be 1-20 chars of [A-Za-z0-9_.-]`);
    if (operators.has(platformId as string)) fail(`[${index}].platformId ${String(platformId)} is listed twice`);
    operators.set(platformId as string, operatorId as string);
  });
  return operators;
}
