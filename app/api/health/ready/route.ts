import { NextResponse } from 'next/server';
import { getReadiness } from '@/lib/health/get-health';

export const dynamic = 'force-dynamic';

/**
 * Readiness, for load balancers: 200 while this instance can serve (`ready`, or `degraded` with
 * one store down), 503 when it cannot (both stores down) or is shutting down.
 */
export async function GET() {
  const status = await getReadiness();
  return NextResponse.json(
    { status },
    {
      status: status === 'ready' || status === 'degraded' ? 200 : 503,
      headers: { 'Cache-Control': 'no-store' },
    },
  );
}
