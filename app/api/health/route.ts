import { NextResponse } from 'next/server';
import { getHealth } from '@/lib/health/get-health';

export const dynamic = 'force-dynamic';

export async function GET() {
  const health = await getHealth();
  return NextResponse.json(health, {
    status: health.status === 'ok' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  });
}
