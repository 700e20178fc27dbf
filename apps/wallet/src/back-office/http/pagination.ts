import { BadRequestException } from '@nestjs/common';

/** Page size bounds for every list endpoint. */
export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAX = 200;
const CURSOR_LENGTH_MAX = 200;
/** What our cursors hold: the UTC timestamp the views print, and a row's key (printable text). */
const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const CURSOR_ID = /^[\x20-\x7e]{1,150}$/;

function isCursorTime(value: unknown): value is string {
  return typeof value === 'string' && CURSOR_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

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

export function decodeCursor(text: string | undefined): PageCursor | null {
  if (text === undefined || text === '') return null;
  if (text.length > CURSOR_LENGTH_MAX) throw invalidCursor();
  try {
    const decoded: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2 && isCursorTime(decoded[0]) && typeof decoded[1] === 'string' && CURSOR_ID.test(decoded[1])) {
      return { createdAt: decoded[0], id: decoded[1] };
    }
  } catch {
    // fall through
  }
  throw invalidCursor();
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

/** 400 for a cursor this API did not hand out (also for a store that finds its key malformed). */
export function invalidCursor(): BadRequestException {
  return new BadRequestException({ error: 'validation_failed', fields: [{ field: 'cursor', problems: ['cursor is not one this API returned'] }] });
}
