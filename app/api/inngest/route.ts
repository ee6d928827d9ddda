import type { RequestHandler } from 'inngest/next';
import { NextRequest, NextResponse } from 'next/server';
import { jobsHandler } from '@/jobs/runtime';
import { resolveJobsMode } from '@/lib/config/env';
import {
  precheckBody,
  precheckSignatureHeader,
  SIGNATURE_HEADER,
  type PrecheckOutcome,
} from '@/lib/jobs/call-precheck';

export const dynamic = 'force-dynamic';

const handler = jobsHandler();

function refusal(outcome: Exclude<PrecheckOutcome, { ok: true }>): NextResponse {
  return NextResponse.json({ message: outcome.message }, { status: outcome.status });
}

/**
 * Calls that carry a body (runs, syncs) are checked cheaply before the SDK parses anything
 * (lib/jobs/call-precheck.ts); Inngest only ever sends JSON, so any other body is a 400 rather
 * than the SDK's 500. The SDK then verifies the signature of what passes.
 */
function prechecked(handle: RequestHandler): RequestHandler {
  return async (request, context) => {
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
    return handle(again, context);
  };
}

export const GET = handler.GET;
export const POST = prechecked(handler.POST);
export const PUT = prechecked(handler.PUT);
