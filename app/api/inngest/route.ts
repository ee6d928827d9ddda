import { NextRequest, NextResponse } from 'next/server';
import { resolveJobsMode } from '@/lib/config/env';
import {
  precheckBody,
  precheckSignatureHeader,
  SIGNATURE_HEADER,
  type PrecheckOutcome,
} from '@/lib/jobs/call-precheck';
import { jobsHandler } from '@/lib/jobs/runtime';

export const dynamic = 'force-dynamic';

const handler = jobsHandler();

type Handle = typeof handler.POST;

function refusal(outcome: Exclude<PrecheckOutcome, { ok: true }>): NextResponse {
  return NextResponse.json({ message: outcome.message }, { status: outcome.status });
}

/**
 * Calls that carry a body (runs, syncs) are checked cheaply before the SDK parses anything
 * (lib/jobs/call-precheck.ts); Inngest only ever sends JSON, so any other body is a 400 rather
 * than the SDK's 500. The SDK then verifies the signature of what passes.
 */
function prechecked(handle: Handle): Handle {
  return (async (request: NextRequest, context: unknown) => {
    const mode = resolveJobsMode(process.env);
    const signature = request.headers.get(SIGNATURE_HEADER);
    const header = precheckSignatureHeader(signature, mode);
    if (!header.ok) return refusal(header);
    const text = await request.text();
    const body = precheckBody(signature, text, mode);
    if (!body.ok) return refusal(body);
    if (text) {
      try {
        JSON.parse(text);
      } catch {
        return NextResponse.json({ message: 'The request body is not JSON.' }, { status: 400 });
      }
    }
    const again = new NextRequest(request.url, {
      method: request.method,
      headers: request.headers,
      body: text || undefined,
    });
    return (handle as (request: NextRequest, context: unknown) => Promise<Response>)(
      again,
      context,
    );
  }) as Handle;
}

export const GET = handler.GET;
export const POST = prechecked(handler.POST);
export const PUT = prechecked(handler.PUT);
