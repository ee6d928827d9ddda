import { NextResponse } from 'next/server';
import { z } from 'zod';
import { env } from '@/lib/config/env';
import { failureResponse } from '@/lib/http/responses';
import { presentsSecret } from '@/lib/http/secret-token';
import { readMailbox } from '@/lib/mail/mailbox';
import { failFields } from '@/lib/validation/result';

export const dynamic = 'force-dynamic';

const query = z.object({ to: z.email() });

/**
 * The mail kept for one address while no SMTP server is configured (the demo, the tests). Off
 * unless MAILBOX_TOKEN is set, and then only for `Authorization: Bearer <MAILBOX_TOKEN>`.
 */
export async function GET(request: Request) {
  const bearer = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? null;
  if (!presentsSecret(bearer, env().MAILBOX_TOKEN)) {
    return new NextResponse('Not found', { status: 404 });
  }
  const parsed = query.safeParse({ to: new URL(request.url).searchParams.get('to') });
  if (!parsed.success) {
    return failureResponse(failFields({ to: 'Give the address as ?to=name@example.com.' }));
  }
  return NextResponse.json(
    { ok: true, messages: await readMailbox(parsed.data.to) },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}
