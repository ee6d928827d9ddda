import { NextResponse } from 'next/server';
import { isRedisUnavailable } from '@/lib/redis';
import { isLockBusy } from '@/lib/redis/lock';
import type { Failure, Result } from '@/lib/validation/result';
import { MAX_JSON_BYTES } from './body-limits';
import { httpStatusOf } from './failure-status';
import { isSameOrigin } from './same-origin';

/** A failure as the browser receives it: the failure itself (its code too), with its status. */
export function failureResponse(failure: Failure): NextResponse {
  return NextResponse.json(failure, {
    status: httpStatusOf(failure.code),
    headers: failure.retryAfterSeconds
      ? { 'Retry-After': String(failure.retryAfterSeconds) }
      : undefined,
  });
}

export function resultResponse<T>(result: Result<T>, successStatus = 200): NextResponse {
  if (!result.ok) return failureResponse(result);
  return NextResponse.json({ ok: true, ...(result.value as object) }, { status: successStatus });
}

/** What a write gate answers a body over its limit (a JSON write and an upload say it differently). */
export interface WriteLimit {
  maxBytes: number;
  tooLarge: Failure;
}

/**
 * The gate every write route passes, JSON or upload: the request must come from Inkwell and say
 * it is no larger than the limit, or it is refused before anything is read. What `handle` throws
 * is answered the same way for every write: a busy lock 409, Redis (sessions, limits) down 503.
 */
export async function guardWrite(
  request: Request,
  limit: WriteLimit,
  handle: () => Promise<NextResponse>,
): Promise<NextResponse> {
  if (!isSameOrigin(request)) {
    return failureResponse({
      ok: false,
      code: 'forbidden',
      formError: 'This request did not come from Inkwell.',
    });
  }
  if (Number(request.headers.get('content-length') ?? 0) > limit.maxBytes) {
    return failureResponse(limit.tooLarge);
  }
  try {
    return await handle();
  } catch (error) {
    if (isLockBusy(error)) {
      return failureResponse({ ok: false, code: 'conflict', formError: error.message });
    }
    if (isRedisUnavailable(error)) {
      return failureResponse({
        ok: false,
        code: 'unavailable',
        formError:
          'Inkwell is having trouble right now. Nothing was changed; please try again shortly.',
      });
    }
    throw error;
  }
}

const JSON_TOO_LARGE: Failure = {
  ok: false,
  code: 'too-large',
  formError: 'That is more than we can accept at once.',
};

/** A write with a bounded JSON body (through guardWrite): `handle` receives the parsed body. */
export function handleJsonWrite(
  request: Request,
  handle: (body: unknown) => Promise<NextResponse>,
): Promise<NextResponse> {
  return guardWrite(request, { maxBytes: MAX_JSON_BYTES, tooLarge: JSON_TOO_LARGE }, async () => {
    let body: unknown = {};
    const text = await request.text();
    if (text.length > MAX_JSON_BYTES) return failureResponse(JSON_TOO_LARGE);
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        return failureResponse({
          ok: false,
          code: 'malformed',
          formError: 'The request was not valid JSON.',
        });
      }
    }
    return handle(body);
  });
}
