import 'server-only';
import type { NextResponse } from 'next/server';
import { resultResponse } from '@/lib/http/responses';
import type { Result } from '@/lib/validation/result';
import type { AnyApiRoute, ResponseOf } from './contract';

/**
 * A route handler's answer: the operation's result, checked against the route's entry in the
 * contract (the value the browser will read), with the entry's success status.
 */
export function respond<R extends AnyApiRoute>(
  route: R,
  result: Result<ResponseOf<R>>,
): NextResponse {
  return resultResponse(result, route.successStatus);
}
