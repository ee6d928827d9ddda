import type { z } from 'zod';

/** One message per field, as a person reads it next to that field. */
export type FieldErrors = Partial<Record<string, string>>;

/**
 * What went wrong, in the domain's words. Only lib/http/ turns a code into an HTTP status (one
 * table, lib/http/failure-status.ts); the browser reads the code too.
 */
export type FailureCode =
  /** Input that breaks a rule: a message per field (or for the form). */
  | 'invalid'
  /** A request that cannot be read at all: not JSON, not a form. */
  | 'malformed'
  /** Not signed in, or credentials that do not match. */
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  /** Something that worked once and no more (a used confirmation link). */
  | 'gone'
  /** The current state refuses it: a newer version, a taken name, nothing to undo. */
  | 'conflict'
  | 'too-large'
  | 'rate-limited'
  /** A store or worker is down or busy: nothing was changed, try again shortly. */
  | 'unavailable'
  /** Half done and cannot say more (the account exists, the sign-in after it failed). */
  | 'internal';

export type Failure = {
  ok: false;
  code: FailureCode;
  fieldErrors?: FieldErrors;
  formError?: string;
  retryAfterSeconds?: number;
};

export type Result<T> = { ok: true; value: T } | Failure;

/** The value a successful `Result` (or a function returning one) carries. */
export type ValueOf<R> = R extends (...args: never[]) => infer Out
  ? ValueOf<Awaited<Out>>
  : R extends { ok: true; value: infer V }
    ? V
    : never;

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(
  code: FailureCode,
  formError: string,
  extra: Omit<Failure, 'ok' | 'code' | 'formError'> = {},
): Failure {
  return { ok: false, code, formError, ...extra };
}

/** A failure that names the fields at fault (`invalid` unless the rule says otherwise). */
export function failFields(fieldErrors: FieldErrors, code: FailureCode = 'invalid'): Failure {
  return { ok: false, code, fieldErrors };
}

export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || 'form';
    errors[field] ??= issue.message;
  }
  return errors;
}

/** Parses input at the boundary: a typed value, or `invalid` with a message per field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): Result<z.infer<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  return failFields(fieldErrorsFrom(parsed.error));
}
