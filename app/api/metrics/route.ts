import { NextResponse } from 'next/server';
import { presentsSecret } from '@/lib/http/secret-token';
import { processTotals } from '@/lib/observability/request-metrics';

export const dynamic = 'force-dynamic';

/**
 * This instance's request and store-command totals, for the benchmark. Off unless METRICS_TOKEN
 * is set, and then only for a request that presents it.
 */
export function GET(request: Request) {
  if (!presentsSecret(request.headers.get('x-metrics-token'), process.env.METRICS_TOKEN)) {
    return new NextResponse('Not found', { status: 404 });
  }
  return NextResponse.json(processTotals(), { headers: { 'Cache-Control': 'no-store' } });
}
