/**
 * Plain-text tables and key/value blocks for a terminal. Values are printed as received (an amount
 * is padded for alignment, never reformatted); only free-text columns may be cut to a width.
 */

export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => string;
  /** Numbers and amounts read best aligned on the right. */
  readonly align?: 'left' | 'right';
  /** Cut longer text with "…"; only for free text (titles, reasons, errors), never ids or amounts. */
  readonly widthMax?: number;
}

/** What a missing (null) value looks like in a table. */
export const NULL_TEXT = '-';
const COLUMN_GAP = '  ';

/**
 * Text from the API may come from a game platform (titles, vendors, error messages): control
 * characters and bidirectional overrides could move the cursor, recolour or rewrite what the
 * operator sees. They are shown as \u escapes instead.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are escaped.
const UNSAFE_FOR_TERMINAL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE_FOR_TERMINAL, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function orNull(value: string | null | undefined): string {
  return value === null || value === undefined ? NULL_TEXT : value;
}

export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((row) => columns.map((column) => fitted(terminalSafe(column.value(row)), column.widthMax)));
  const widths = columns.map((column, index) => Math.max(column.header.length, ...cells.map((row) => row[index].length)));
  const line = (values: readonly string[]) =>
    values
      .map((value, index) => (columns[index].align === 'right' ? value.padStart(widths[index]) : value.padEnd(widths[index])))
      .join(COLUMN_GAP)
      .trimEnd();
  const lines = [line(columns.map((column) => column.header)), ...cells.map(line)];
  if (rows.length === 0) lines.push('(none)');
  return `${lines.join('\n')}\n`;
}

export function renderKeyValue(pairs: ReadonlyArray<readonly [string, string]>): string {
  const width = Math.max(0, ...pairs.map(([key]) => key.length));
  return pairs.map(([key, value]) => `${key.padEnd(width)}${COLUMN_GAP}${terminalSafe(value)}`.trimEnd()).join('\n') + '\n';
}

function fitted(text: string, widthMax: number | undefined): string {
  if (widthMax === undefined || text.length <= widthMax) return text;
  return `${text.slice(0, widthMax - 1)}…`;
}
