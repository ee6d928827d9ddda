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

/**
 * The common gate of every write route: same-origin check, a bounded JSON body, and a clear
 * 503 when Redis (sessions, limits) is down. `handle` receives the parsed body.
 */
export async function handleJsonWrite(
  request: Request,
  handle: (body: unknown) => Promise<NextResponse>,
): Promise<NextResponse> {
  if (!isSameOrigin(request)) {
    return failureResponse({
      ok: false,
      code: 'forbidden',
      formError: 'This request did not come from Inkwell.',
    });
  }
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_JSON_BYTES) {
    return failureResponse({
      ok: false,
      code: 'too-large',
      formError: 'That is more than we can accept at once.',
    });
  }
  let body: unknown = {};
  const text = await request.text();
  if (text.length > MAX_JSON_BYTES) {
    return failureResponse({
      ok: false,
      code: 'too-large',
      formError: 'That is more than we can accept at once.',
    });
  }
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
  try {
    return await handle(body);
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
