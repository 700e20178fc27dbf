/** The protocol's timestamps: UTC, PHP's `Y-m-d H:i:s` (e.g. "2020-12-01 13:44:54"). */
const TIMESTAMP_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const YEAR_MAX = 9999;
const MONTH_MAX = 12;
const DAY_OF_MONTH_MAX = 31;
const HOUR_MAX = 23;
const MINUTE_MAX = 59;
/** No leap seconds: PHP's date('s') never prints 60. */
const SECOND_MAX = 59;

/** A real UTC moment in `Y-m-d H:i:s`: "2021-02-29 00:00:00" and "2020-12-01 24:00:00" are refused. */
export function isOperatorTimestamp(text: string): boolean {
  const match = TIMESTAMP_PATTERN.exec(text);
  if (match === null) {
    return false;
  }
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  return isCalendarDate(year, month, day) && hour <= HOUR_MAX && minute <= MINUTE_MAX && second <= SECOND_MAX;
}

/**
 * A `YYYY-MM-DD` date checked for shape and field ranges only (month 01–12, day 01–31), not
 * against the calendar: the vendor's own status example sends "2020-11-31", and these dates
 * (status transaction_date, finishround round_date) are lookup hints that we never store as dates.
 */
export function isOperatorDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  if (match === null) {
    return false;
  }
  const [, month, day] = match.slice(1).map(Number);
  return month >= 1 && month <= MONTH_MAX && day >= 1 && day <= DAY_OF_MONTH_MAX;
}

/** The moment a valid `Y-m-d H:i:s` UTC timestamp names; null for anything `isOperatorTimestamp` refuses. */
export function parseOperatorTimestamp(text: string): Date | null {
  if (!isOperatorTimestamp(text)) {
    return null;
  }
  const [year, month, day, hour, minute, second] = (TIMESTAMP_PATTERN.exec(text) as RegExpExecArray).slice(1).map(Number);
  const moment = new Date(0);
  moment.setUTCFullYear(year, month - 1, day);
  moment.setUTCHours(hour, minute, second, 0);
  return moment;
}

/** Formats a moment for response_timestamp: UTC, `Y-m-d H:i:s`, seconds truncated. */
export function formatOperatorTimestamp(moment: Date): string {
  const timeMs = moment.getTime();
  if (Number.isNaN(timeMs) || moment.getUTCFullYear() < 0 || moment.getUTCFullYear() > YEAR_MAX) {
    throw new RangeError(`cannot format ${String(moment)} as a Y-m-d H:i:s timestamp`);
  }
  const pad = (value: number, width: number): string => String(value).padStart(width, '0');
  return (
    `${pad(moment.getUTCFullYear(), 4)}-${pad(moment.getUTCMonth() + 1, 2)}-${pad(moment.getUTCDate(), 2)} ` +
    `${pad(moment.getUTCHours(), 2)}:${pad(moment.getUTCMinutes(), 2)}:${pad(moment.getUTCSeconds(), 2)}`
  );
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > MONTH_MAX || day < 1) {
    return false;
  }
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  const isLeapYear = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, isLeapYear ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return days[month - 1];
}
