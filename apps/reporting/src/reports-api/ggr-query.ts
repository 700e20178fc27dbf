/**
 * The GGR report's query, read from the URL and bounded where it enters. The grouping columns are
 * a closed list mapped to SQL column names here, so no caller text ever reaches the SQL.
 */
export const GGR_DAY_RANGE_DAYS_MAX = 366;
export const GGR_PAGE_SIZE_DEFAULT = 100;
export const GGR_PAGE_SIZE_MAX = 1_000;
export const GGR_PAGE_MAX = 10_000;

export const GgrGrouping = { day: 'day', operator: 'operator_id', platform: 'platform_id', vendor: 'vendor', game: 'game_id', currency: 'currency' } as const;
export type GgrGroupingName = keyof typeof GgrGrouping;

export const GgrFormat = { Json: 'json', Csv: 'csv' } as const;
export type GgrFormat = (typeof GgrFormat)[keyof typeof GgrFormat];

export interface GgrQuery {
  readonly from: string;
  readonly to: string;
  /** Always contains `currency`: money of two currencies is never added up. */
  readonly groupBy: readonly GgrGroupingName[];
  readonly filters: Partial<Record<Exclude<GgrGroupingName, 'day'>, string>>;
  readonly page: number;
  readonly pageSize: number;
  readonly format: GgrFormat;
}

export class GgrQueryError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const FILTER_LENGTH_MAX = 100;

export function readGgrQuery(parameters: Record<string, unknown>): GgrQuery {
  const text = (name: string): string | undefined => {
    const value = parameters[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw new GgrQueryError(name, `${name} must be given once`);
    return value;
  };
  const from = day(text('from'), 'from');
  const to = day(text('to'), 'to');
  const rangeDays = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  if (rangeDays < 1) throw new GgrQueryError('to', 'to must not be before from');
  if (rangeDays > GGR_DAY_RANGE_DAYS_MAX) throw new GgrQueryError('to', `at most ${GGR_DAY_RANGE_DAYS_MAX} days per query`);

  const names = (text('groupBy') ?? 'day').split(',').filter((name) => name !== '');
  for (const name of names) {
    if (!Object.hasOwn(GgrGrouping, name)) throw new GgrQueryError('groupBy', `groupBy takes ${Object.keys(GgrGrouping).join(', ')}; not ${JSON.stringify(name.slice(0, 20))}`);
  }
  const groupBy = (Object.keys(GgrGrouping) as GgrGroupingName[]).filter((name) => names.includes(name) || name === 'currency');

  const filters: Record<string, string> = {};
  for (const name of ['operator', 'platform', 'vendor', 'game', 'currency'] as const) {
    const value = text(name);
    if (value === undefined) continue;
    if (value.length === 0 || value.length > FILTER_LENGTH_MAX) throw new GgrQueryError(name, `${name} must be 1-${FILTER_LENGTH_MAX} characters`);
    filters[name] = value;
  }
  const format = text('format') ?? GgrFormat.Json;
  if (format !== GgrFormat.Json && format !== GgrFormat.Csv) throw new GgrQueryError('format', 'format is json or csv');
  return {
    from,
    to,
    groupBy,
    filters,
    page: integer(text('page'), 'page', 1, GGR_PAGE_MAX, 1),
    pageSize: integer(text('pageSize'), 'pageSize', 1, GGR_PAGE_SIZE_MAX, GGR_PAGE_SIZE_DEFAULT),
    format,
  };
}

export function day(value: string | undefined, name: string): string {
  if (value === undefined || !DAY_PATTERN.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new GgrQueryError(name, `${name} must be a day, YYYY-MM-DD`);
  }
  return value;
}

export function integer(value: string | undefined, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^[0-9]{1,6}$/.test(value) || Number(value) < min || Number(value) > max) throw new GgrQueryError(name, `${name} must be an integer from ${min} to ${max}`);
  return Number(value);
}

/** The per-player report's query: one row per player day, filtered, paged. */
export interface PlayerDaysQuery {
  readonly from: string;
  readonly to: string;
  readonly filters: Partial<Record<'operator' | 'platform' | 'user' | 'currency', string>>;
  readonly page: number;
  readonly pageSize: number;
  readonly format: GgrFormat;
}

export function readPlayerDaysQuery(parameters: Record<string, unknown>): PlayerDaysQuery {
  const { from, to, page, pageSize, format } = readGgrQuery({ ...parameters, groupBy: undefined, operator: undefined, platform: undefined, currency: undefined, user: undefined });
  const filters: Record<string, string> = {};
  for (const name of ['operator', 'platform', 'user', 'currency'] as const) {
    const value = parameters[name];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.length === 0 || value.length > FILTER_LENGTH_MAX) throw new GgrQueryError(name, `${name} must be given once, 1-${FILTER_LENGTH_MAX} characters`);
    filters[name] = value;
  }
  return { from, to, filters, page, pageSize, format };
}

/** The prizes report's grouping: like the GGR's, with the campaign in place of the game. */
export const PromotionGrouping = { day: 'day', operator: 'operator_id', platform: 'platform_id', vendor: 'vendor', currency: 'currency', campaign: 'campaign_code' } as const;
export type PromotionGroupingName = keyof typeof PromotionGrouping;

export interface PromotionWinsQuery {
  readonly from: string;
  readonly to: string;
  /** Always contains `currency`. */
  readonly groupBy: readonly PromotionGroupingName[];
  readonly filters: Partial<Record<Exclude<PromotionGroupingName, 'day'>, string>>;
  readonly page: number;
  readonly pageSize: number;
  readonly format: GgrFormat;
}

/** Tournament and promotion prizes over a day range, grouped as asked; `campaign=` (empty) selects prizes without one. */
export function readPromotionWinsQuery(parameters: Record<string, unknown>): PromotionWinsQuery {
  const { from, to, page, pageSize, format } = readGgrQuery({ ...parameters, groupBy: undefined, operator: undefined, platform: undefined, vendor: undefined, currency: undefined, campaign: undefined });
  const grouping = parameters['groupBy'] ?? 'day';
  if (typeof grouping !== 'string') throw new GgrQueryError('groupBy', 'groupBy must be given once');
  const names = grouping.split(',').filter((name) => name !== '');
  for (const name of names) {
    if (!Object.hasOwn(PromotionGrouping, name)) throw new GgrQueryError('groupBy', `groupBy takes ${Object.keys(PromotionGrouping).join(', ')}; not ${JSON.stringify(name.slice(0, 20))}`);
  }
  const groupBy = (Object.keys(PromotionGrouping) as PromotionGroupingName[]).filter((name) => names.includes(name) || name === 'currency');
  const filters: Record<string, string> = {};
  for (const name of ['operator', 'platform', 'vendor', 'currency', 'campaign'] as const) {
    const value = parameters[name];
    if (value === undefined) continue;
    const emptyAllowed = name === 'campaign';
    if (typeof value !== 'string' || (value.length === 0 && !emptyAllowed) || value.length > 255) throw new GgrQueryError(name, `${name} must be given once, at most 255 characters`);
    filters[name] = value;
  }
  return { from, to, groupBy, filters, page, pageSize, format };
}
