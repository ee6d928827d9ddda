import { NextResponse } from 'next/server';
import { isOperator, OPERATOR_HEADER } from '@/lib/http/operator';
import { eventLoopDelay } from '@/lib/observability/event-loop-delay';
import { processTotals } from '@/lib/observability/request-metrics';

export const dynamic = 'force-dynamic';

/**
 * This instance's request and store-command totals, and its event-loop delay since the last
 * `?reset=event-loop`, for the benchmark and the load tests. Off unless METRICS_TOKEN is set, and
 * then only for a request that presents it.
 */
export function GET(request: Request) {
  if (!isOperator(request.headers.get(OPERATOR_HEADER))) {
    return new NextResponse('Not found', { status: 404 });
  }
  const reset = new URL(request.url).searchParams.get('reset') === 'event-loop';
  return NextResponse.json(
    { ...processTotals(), eventLoopDelay: eventLoopDelay(reset) },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}
