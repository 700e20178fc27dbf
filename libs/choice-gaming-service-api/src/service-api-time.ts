/**
 * The service API's times (`time`, `freeRoundValidity`): `dd-mm-yyyy hh:mm:ss`, 24-hour clock.
 * The vendor names no zone; we write UTC (the decision recorded in shared/specs/README.md), so the
 * same instant is the same text on every machine whatever its local zone.
 */
export function serviceApiTime(instant: Date): string {
  const epochMs = instant.getTime();
  if (!Number.isFinite(epochMs)) throw new RangeError('serviceApiTime: invalid date');
  const year = instant.getUTCFullYear();
  if (year < 1000 || year > 9999) throw new RangeError(`serviceApiTime: year ${year} is not four digits`);
  const two = (value: number): string => String(value).padStart(2, '0');
  return `${two(instant.getUTCDate())}-${two(instant.getUTCMonth() + 1)}-${year} ${two(instant.getUTCHours())}:${two(instant.getUTCMinutes())}:${two(instant.getUTCSeconds())}`;
}

const SERVICE_API_TIME_PATTERN = /^([0-9]{2})-([0-9]{2})-([0-9]{4}) ([0-9]{2}):([0-9]{2}):([0-9]{2})$/;

/** The instant a service-API time names (UTC), or null when the text is not one; for the fake provider and tests. */
export function parseServiceApiTime(text: string): Date | null {
  const match = SERVICE_API_TIME_PATTERN.exec(text);
  if (match === null) return null;
  const [day, month, year, hour, minute, second] = match.slice(1).map(Number);
  const instant = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 31-02 over to March: a text that does not come back unchanged named no real time.
  return serviceApiTime(instant) === text ? instant : null;
}
