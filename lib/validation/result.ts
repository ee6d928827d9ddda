import type { z } from 'zod';

/** One message per field, as a person reads it next to that field. */
export type FieldErrors = Partial<Record<string, string>>;

export type Failure = {
  ok: false;
  /** HTTP status for route handlers: 400/422 bad input, 401/403/404, 409 conflict, 429, 503. */
  status: number;
  fieldErrors?: FieldErrors;
  formError?: string;
  retryAfterSeconds?: number;
};

export type Result<T> = { ok: true; value: T } | Failure;

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(
  status: number,
  formError: string,
  extra: Omit<Failure, 'ok' | 'status' | 'formError'> = {},
): Failure {
  return { ok: false, status, formError, ...extra };
}

export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || 'form';
    errors[field] ??= issue.message;
  }
  return errors;
}

/** Parses input at the boundary: a typed value, or a 422 with a message per field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): Result<z.infer<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  return { ok: false, status: 422, fieldErrors: fieldErrorsFrom(parsed.error) };
}
