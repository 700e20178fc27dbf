/** The command line itself is wrong: unknown command or option, a missing argument. Exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The help text to point at, e.g. "cashier" for `bo cashier --help`. */
    readonly helpTopic?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface FieldProblems {
  readonly field: string;
  readonly problems: readonly string[];
}

/**
 * A value the API would refuse, caught before anything is sent, reported in the API's own shape
 * (`validation_failed` with every field and its problems). Exit code 2, as for the API's 400.
 */
export class LocalValidationError extends Error {
  constructor(readonly fields: readonly FieldProblems[]) {
    super(`validation_failed: ${fields.map((field) => `${field.field}: ${field.problems.join('; ')}`).join(', ')}`);
    this.name = 'LocalValidationError';
  }
}
