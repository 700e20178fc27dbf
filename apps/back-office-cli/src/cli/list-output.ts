import type { Page } from '../api/back-office-api.interface';
import { collectPages, PAGE_SIZE_MAX } from '../api/pages';
import type { ParsedArguments } from '../input/argument-parser';
import { LocalValidationError } from '../input/input-errors';
import { ExitCode } from '../render/error-view';
import { renderTable, type Column } from '../render/text-table';
import { nextPageHint } from '../render/views';
import type { CommandContext } from './commands';

/** How every list command prints: one page or all of them (bounded), a table or JSON, and where to continue. */

const text = (args: ParsedArguments, name: string): string | undefined => {
  const value = args.options[name];
  return typeof value === 'string' ? value : undefined;
};
const flag = (args: ParsedArguments, name: string): boolean => args.options[name] === true;

export function printJson(context: CommandContext, value: unknown): void {
  context.output.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

/** `--limit`: a page size the API serves; `--all` reads the largest pages unless told otherwise. */
export function pageSize(args: ParsedArguments): number | undefined {
  const limit = text(args, 'limit');
  if (limit === undefined) return flag(args, 'all') ? PAGE_SIZE_MAX : undefined;
  if (!/^\d{1,3}$/.test(limit) || Number(limit) < 1 || Number(limit) > PAGE_SIZE_MAX) {
    throw new LocalValidationError([{ field: 'limit', problems: [`limit must be an integer from 1 to ${PAGE_SIZE_MAX}; got ${JSON.stringify(limit)}`] }]);
  }
  return Number(limit);
}

/** One page, or every page with --all; the table (or JSON) and where to continue. */
export async function printList<T>(context: CommandContext, fetchPage: (cursor: string | undefined) => Promise<Page<T>>, columns: readonly Column<T>[]): Promise<ExitCode> {
  const { args, output } = context;
  const cursor = text(args, 'cursor');
  const collected = flag(args, 'all') ? await collectPages(fetchPage, cursor) : { ...(await fetchPage(cursor)), pagesRead: 1, truncated: false };
  if (collected.truncated) output.stderr(`warning: ${nextPageHint(collected.nextCursor, true, collected.pagesRead)}`);
  if (args.json) {
    printJson(context, { items: collected.items, nextCursor: collected.nextCursor });
  } else {
    output.stdout(renderTable(collected.items, columns) + (collected.truncated ? '' : nextPageHint(collected.nextCursor, false, collected.pagesRead)));
  }
  return ExitCode.Ok;
}

