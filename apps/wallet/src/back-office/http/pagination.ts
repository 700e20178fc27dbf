import { BadRequestException } from '@nestjs/common';

/** Page size bounds for every list endpoint. */
export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAX = 200;
const CURSOR_LENGTH_MAX = 200;

/**
 * A keyset cursor: the (time, id) of the last row of the previous page. Stable under inserts:
 * rows are ordered by (created_at DESC, id DESC), and the next page starts strictly after it.
 */
export interface PageCursor {
  readonly createdAt: string;
  readonly id: string;
}

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id]), 'utf8').toString('base64url');
}

/** What a cursor's id is: a row's uuid (compared as uuid) or a composed text key (compared as text). */
export type CursorIdKind = 'uuid' | 'text';

const CURSOR_TIME_PATTERN = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/;
const CURSOR_ID_PATTERNS: Readonly<Record<CursorIdKind, RegExp>> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  // Printable ASCII only: a NUL or a broken UTF-8 sequence would make PostgreSQL fail the query.
  text: /^[\x21-\x7e]{1,100}$/,
};

/**
 * The cursor a client passes back: exactly the shape `encodeCursor` writes, or 400. Everything in
 * it reaches SQL as a typed parameter, so a crafted cursor must fail here, never in PostgreSQL
 * (a cast error there is a 500).
 */
export function decodeCursor(text: string | undefined, idKind: CursorIdKind = 'text'): PageCursor | null {
  if (text === undefined || text === '') return null;
  if (text.length > CURSOR_LENGTH_MAX) throw invalidCursor();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(decoded) || decoded.length !== 2 || typeof decoded[0] !== 'string' || typeof decoded[1] !== 'string') throw invalidCursor();
  const [createdAt, id] = decoded as [string, string];
  if (!isCursorTime(createdAt) || !CURSOR_ID_PATTERNS[idKind].test(id)) throw invalidCursor();
  return { createdAt, id };
}

/** A real UTC instant in the ISO form PostgreSQL wrote it (2021-02-30 and hour 25 are refused). */
function isCursorTime(text: string): boolean {
  const match = CURSOR_TIME_PATTERN.exec(text);
  if (!match) return false;
  const moment = new Date(text);
  return !Number.isNaN(moment.getTime()) && moment.toISOString().slice(0, 10) === match[1] && moment.getUTCFullYear() >= 1;
}

export interface Page<T> {
  readonly items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/** Builds a page from `limit + 1` fetched rows: the extra row only says whether there is more. */
export function toPage<T extends { createdAt: string; cursorId: string }>(rows: T[], limit: number): Page<Omit<T, 'cursorId'>> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(({ cursorId: _cursorId, ...item }) => item),
    nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.cursorId }) : null,
  };
}

function invalidCursor(): BadRequestException {
  return new BadRequestException({ error: 'validation_failed', fields: [{ field: 'cursor', problems: ['cursor is not one this API returned'] }] });
}
