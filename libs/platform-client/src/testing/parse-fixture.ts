import { parsePlatformJson, type JsonValue } from '../platform-json';

/** Parses fixture text the way the client parses a platform body; a fixture that fails is a test bug. */
export function parsedFixture(text: string): JsonValue {
  const parsed = parsePlatformJson(Buffer.from(text, 'utf8'));
  if (!parsed.ok) {
    throw new Error(`fixture is not acceptable JSON: ${parsed.problem}`);
  }
  return parsed.value;
}
