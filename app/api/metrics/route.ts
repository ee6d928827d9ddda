import { NextResponse } from 'next/server';
import { isOperator, OPERATOR_HEADER } from '@/lib/http/operator';
import { processTotals } from '@/lib/observability/request-metrics';

export const dynamic = 'force-dynamic';

/**
 * This instance's request and store-command totals, for the benchmark. Off unless METRICS_TOKEN
 * is set, and then only for a request that presents it.
 */
export function GET(request: Request) {
  if (!isOperator(request.headers.get(OPERATOR_HEADER))) {
    return new NextResponse('Not found', { status: 404 });
  }
  return NextResponse.json(processTotals(), { headers: { 'Cache-Control': 'no-store' } });
}
