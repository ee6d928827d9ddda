import { NextRequest, NextResponse } from 'next/server';
import { jobsHandler } from '@/lib/jobs/runtime';

export const dynamic = 'force-dynamic';

const handler = jobsHandler();

type Handle = typeof handler.POST;

/**
 * Inngest only ever sends JSON: any other body is refused here (400) before the SDK parses it,
 * which would otherwise answer 500. The SDK still checks the signature of what passes.
 */
function jsonBodiesOnly(handle: Handle): Handle {
  return (async (request: NextRequest, context: unknown) => {
    const text = await request.text();
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
export const POST = jsonBodiesOnly(handler.POST);
export const PUT = jsonBodiesOnly(handler.PUT);
