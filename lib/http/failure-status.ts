import type { FailureCode } from '@/lib/validation/result';

/** The one place a failure's code becomes an HTTP status. */
const HTTP_STATUS: Record<FailureCode, number> = {
  malformed: 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  gone: 410,
  'too-large': 413,
  invalid: 422,
  'rate-limited': 429,
  internal: 500,
  unavailable: 503,
};

export function httpStatusOf(code: FailureCode): number {
  return HTTP_STATUS[code];
}
