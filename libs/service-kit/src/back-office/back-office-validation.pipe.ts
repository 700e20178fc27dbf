import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

/** How many body or query fields a request may carry (a bound on everything that enters). */
export const FIELD_PROBLEMS_LISTED_MAX = 20;

/**
 * Validates DTOs with class-validator and answers 400 with every offending field named:
 * `{"error":"validation_failed","fields":[{"field":"amount","problems":["..."]}]}`.
 * Unknown fields are refused (a typo must not be silently ignored on a money endpoint).
 */
export const backOfficeValidationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  exceptionFactory: (errors: ValidationError[]) =>
    new BadRequestException({ error: 'validation_failed', fields: flatten(errors).slice(0, FIELD_PROBLEMS_LISTED_MAX) }),
});

function flatten(errors: ValidationError[], prefix = ''): Array<{ field: string; problems: string[] }> {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
