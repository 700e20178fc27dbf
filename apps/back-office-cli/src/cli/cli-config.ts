import { UsageError } from '../input/input-errors';

export const BACK_OFFICE_URL_DEFAULT = 'http://127.0.0.1:18081/back-office/v1';
/** The promotions service's back office (campaigns); same keys as the wallet's. */
export const PROMOTIONS_BACK_OFFICE_URL_DEFAULT = 'http://127.0.0.1:18082/back-office/v1';
/** The API accepts keys of 24-200 characters; anything outside cannot be one. */
/** The reporting service's reports API (bo reconcile); same keys as the wallet's. */
export const REPORTING_URL_DEFAULT = 'http://127.0.0.1:18083/reports/v1';
const API_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface CliConfig {
  readonly baseUrl: string;
  /** `PROMOTIONS_BACK_OFFICE_URL`: where `bo campaigns` goes. */
  readonly promotionsBaseUrl: string;
  /** `REPORTING_URL`: where `bo reconcile` goes. */
  readonly reportingBaseUrl: string;
  readonly apiKey: string;
  /** Said once on stderr before the request (e.g. a key about to travel unencrypted). */
  readonly warnings: readonly string[];
}

/**
 * `BACK_OFFICE_URL` and `BACK_OFFICE_API_KEY` from the environment (never from the command line:
 * arguments are visible to every user of the machine in the process list). The key is never
 * printed, not even in part.
 */
export function readCliConfig(env: Readonly<Record<string, string | undefined>>): CliConfig {
  const urlText = env['BACK_OFFICE_URL'] || BACK_OFFICE_URL_DEFAULT;
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    throw new UsageError(`BACK_OFFICE_URL is not a URL: ${JSON.stringify(urlText.slice(0, 200))} (e.g. ${BACK_OFFICE_URL_DEFAULT})`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`BACK_OFFICE_URL must be http:// or https://, got ${url.protocol}`);
  if (url.search || url.hash || url.username || url.password) throw new UsageError('BACK_OFFICE_URL must have no query, fragment or credentials');

  const apiKey = env['BACK_OFFICE_API_KEY'];
  if (!apiKey) throw new UsageError('BACK_OFFICE_API_KEY is not set: export the back-office API key you were given (see docs/back-office-cli.md)');
  if (!API_KEY_PATTERN.test(apiKey)) {
    throw new UsageError('BACK_OFFICE_API_KEY has spaces, a line break or non-ASCII characters (copied with a trailing newline?), or is longer than 200 characters');
  }
  const warnings = url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname) ? [`warning: BACK_OFFICE_URL is plain http to ${url.host}: the API key travels unencrypted`] : [];
  const promotionsText = env['PROMOTIONS_BACK_OFFICE_URL'] || PROMOTIONS_BACK_OFFICE_URL_DEFAULT;
  let promotionsUrl: URL;
  try {
    promotionsUrl = new URL(promotionsText);
  } catch {
    throw new UsageError(`PROMOTIONS_BACK_OFFICE_URL is not a URL (e.g. ${PROMOTIONS_BACK_OFFICE_URL_DEFAULT})`);
  }
  if ((promotionsUrl.protocol !== 'http:' && promotionsUrl.protocol !== 'https:') || promotionsUrl.search || promotionsUrl.hash || promotionsUrl.username || promotionsUrl.password) {
    throw new UsageError('PROMOTIONS_BACK_OFFICE_URL must be http(s) with no query, fragment or credentials');
  }
  const reportingText = env['REPORTING_URL'] || REPORTING_URL_DEFAULT;
  let reportingUrl: URL;
  try {
    reportingUrl = new URL(reportingText);
  } catch {
    throw new UsageError(`REPORTING_URL is not a URL (e.g. ${REPORTING_URL_DEFAULT})`);
  }
  if ((reportingUrl.protocol !== 'http:' && reportingUrl.protocol !== 'https:') || reportingUrl.search || reportingUrl.hash || reportingUrl.username || reportingUrl.password) {
    throw new UsageError('REPORTING_URL must be http(s) with no query, fragment or credentials');
  }
  return {
    baseUrl: url.toString().replace(/\/+$/, ''),
    promotionsBaseUrl: promotionsUrl.toString().replace(/\/+$/, ''),
    reportingBaseUrl: reportingUrl.toString().replace(/\/+$/, ''),
    apiKey,
    warnings,
  };
}
