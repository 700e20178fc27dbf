/**
 * Platform id → the operator id its players belong to in the wallet: the Choice Gaming platforms
 * of the platform registry (`choiceGamingOperatorsOf`), the same pairs the gateway serves. Awards
 * need none: the gateway sends the operator with each one.
 */
export type PlatformOperators = ReadonlyMap<string, string>;
