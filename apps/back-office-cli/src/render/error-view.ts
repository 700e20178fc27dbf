import { BackOfficeApiError, BackOfficeUnreachableError, ContractViolationError } from '../api/back-office-api-error';
import { LocalValidationError, UsageError, type FieldProblems } from '../input/input-errors';
import { terminalSafe } from './text-table';

/**
 * 0 done; 1 the API refused or could not be reached; 2 the command line or a value is wrong;
 * 3 done, and the figures disagree (bo reconcile: a mismatch, for scripts to act on).
 */
export const ExitCode = { Ok: 0, Failed: 1, Usage: 2, Mismatch: 3 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface ErrorReport {
  /** For stderr, one problem per line. */
  readonly text: string;
  readonly exitCode: ExitCode;
}

/**
 * Every operating error as the operator should read it: the API's error code and message, and
 * every field problem. Anything else is a bug and is not reported here (the caller rethrows it).
 */
export function errorReport(error: unknown): ErrorReport | null {
  if (error instanceof UsageError) {
    return { text: `bo: ${error.message}\nsee: bo ${error.helpTopic ? `${error.helpTopic} ` : ''}--help\n`, exitCode: ExitCode.Usage };
  }
  if (error instanceof LocalValidationError) {
    return { text: `error: validation_failed (checked here; nothing was sent)\n${fieldLines(error.fields)}`, exitCode: ExitCode.Usage };
  }
  if (error instanceof BackOfficeApiError) {
    const headline = `error: HTTP ${error.httpStatus} ${error.body.error}${error.body.message ? `: ${error.body.message}` : ''}`;
    return {
      text: terminalSafe(headline) + '\n' + fieldLines(error.body.fields ?? []),
      exitCode: error.isValidationFailure ? ExitCode.Usage : ExitCode.Failed,
    };
  }
  if (error instanceof BackOfficeUnreachableError) {
    return { text: `error: ${error.reason}: ${terminalSafe(error.message)}\n`, exitCode: ExitCode.Failed };
  }
  if (error instanceof ContractViolationError) {
    return { text: `error: the API's answer breaks its contract (a bug; nothing is shown rather than a wrong value): ${terminalSafe(error.message)}\n`, exitCode: ExitCode.Failed };
  }
  return null;
}

function fieldLines(fields: readonly FieldProblems[]): string {
  return fields.map((field) => `  ${terminalSafe(field.field)}: ${field.problems.map(terminalSafe).join('; ')}\n`).join('');
}
