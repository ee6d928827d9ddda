import { NextResponse } from 'next/server';
import { isRedisUnavailable } from '@/lib/redis';
import { isLockBusy } from '@/lib/redis/lock';
import type { Failure, Result } from '@/lib/validation/result';
import { bodyLimitFor, tooLargeMessage } from './body-limits';
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

/** The route's JSON body limit (lib/http/body-limits.ts) and what a body over it is told. */
export function jsonWriteLimit(request: Request): WriteLimit {
  const path = new URL(request.url).pathname;
  const tooLarge: Failure = { ok: false, code: 'too-large', formError: tooLargeMessage(path) };
  return { maxBytes: bodyLimitFor(path), tooLarge };
}

/** Reads and parses a JSON body within `limit`: the body, or the response refusing it. */
export async function readJsonBody(
  request: Request,
  limit: WriteLimit,
): Promise<{ ok: true; body: unknown } | { ok: false; response: NextResponse }> {
  const text = await request.text();
  if (text.length > limit.maxBytes) return { ok: false, response: failureResponse(limit.tooLarge) };
  if (!text) return { ok: true, body: {} };
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch {
    return {
      ok: false,
      response: failureResponse({
        ok: false,
        code: 'malformed',
        formError: 'The request was not valid JSON.',
      }),
    };
  }
}

/**
 * A write with a bounded JSON body (through guardWrite): `handle` receives the parsed body. The
 * limit is the route's (lib/http/body-limits.ts), and a body over it is told which field and limit.
 */
export function handleJsonWrite(
  request: Request,
  handle: (body: unknown) => Promise<NextResponse>,
): Promise<NextResponse> {
  const limit = jsonWriteLimit(request);
  return guardWrite(request, limit, async () => {
    const read = await readJsonBody(request, limit);
    return read.ok ? handle(read.body) : read.response;
  });
}
