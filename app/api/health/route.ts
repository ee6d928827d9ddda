import { NextResponse } from 'next/server';
import { getHealth } from '@/lib/health/get-health';
import { isOperator, OPERATOR_HEADER } from '@/lib/http/operator';

export const dynamic = 'force-dynamic';

/**
 * Whether this instance can serve: 200 or 503 with its status for everyone; which stores answer,
 * their errors, the instance and its uptime only for operators (X-Metrics-Token).
 */
export async function GET(request: Request) {
  const health = await getHealth();
  const status = health.status === 'ok' ? 200 : 503;
  const body = isOperator(request.headers.get(OPERATOR_HEADER))
    ? health
    : { status: health.status };
  return NextResponse.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}
