import { isSafeNumber } from 'lossless-json';
import type { z } from 'zod';
import { readBoundedJson } from '@wallet-platform/protocol-kit';
import { REGISTRY_BYTES_MAX, REGISTRY_DEPTH_MAX } from './platform-registry-limits';
import { platformRegistrySchema, type PlatformRegistry } from './platform-registry.schema';

export type ParsedPlatformRegistry = { readonly ok: true; readonly registry: PlatformRegistry } | { readonly ok: false; readonly problems: readonly string[] };

/** At most this many problems are listed: a pasted wrong document would otherwise print pages. */
export const REGISTRY_PROBLEMS_LISTED_MAX = 50;

/**
 * Reads a registry document (JSON text) with the protocol kit's reader (a repeated key is an error
 * here too: which of two secrets would count?), then the schema. Every problem is named by its
 * path, `platforms[1].operators[0].secretKey: must be 16-200 characters`, and never quotes a value.
 */
export function parsePlatformRegistry(text: string): ParsedPlatformRegistry {
  const read = readBoundedJson(text, { bytesMax: REGISTRY_BYTES_MAX, depthMax: REGISTRY_DEPTH_MAX, subject: 'the registry', parseNumber: configurationNumber });
  if (!read.ok) return { ok: false, problems: [read.message] };
  const parsed = platformRegistrySchema.safeParse(read.value);
  if (parsed.success) return { ok: true, registry: parsed.data };
  return { ok: false, problems: parsed.error.issues.slice(0, REGISTRY_PROBLEMS_LISTED_MAX).flatMap((issue) => describeIssue(issue, read.value)) };
}

/** Configuration numbers are small integers: anything a double cannot hold exactly stays text (and is refused as "must be an integer"). */
function configurationNumber(text: string): unknown {
  return isSafeNumber(text) ? Number(text) : text;
}

function describeIssue(issue: z.core.$ZodIssue, document: unknown): string[] {
  const where = pathText(issue.path);
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${joinPath(where, key)}: unknown field`);
  if (issue.code === 'invalid_type' && valueAt(document, issue.path) === undefined) return [`${where}: is required`];
  return [`${where === '' ? '(the document)' : where}: ${issue.message}`];
}

function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : joinPath(text, String(part))), '');
}

function joinPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

function valueAt(document: unknown, path: readonly PropertyKey[]): unknown {
  let value = document;
  for (const part of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}
