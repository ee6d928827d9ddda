import { SIGNATURE_HEADER, signedBody } from './signing';
import type { ServeHandler } from './executor-types';

/** What the `serve()` handler answered to one executor call. */
export interface HandlerReply {
  status: number;
  body: unknown;
  /** The SDK's `x-inngest-no-retry` header: 'true' when a failure is final. */
  noRetry: string | null;
}

/**
 * POSTs one executor call (a run's event, memoised steps and context) to the handler, as Inngest
 * would: for `functionId`, asking for `stepId` ('step' for whatever comes next).
 */
export async function callHandler(
  handler: ServeHandler,
  signingKey: string | undefined,
  call: { functionId: string; stepId: string; body: unknown },
): Promise<HandlerReply> {
  const url = new URL('http://local-executor/api/inngest');
  url.searchParams.set('fnId', call.functionId);
  url.searchParams.set('stepId', call.stepId);
  // Signed per call, as Inngest does: a signature is good for 5 minutes, a run may take longer.
  // Without a key (a misconfigured production) the call goes unsigned and the handler refuses it.
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  let text = JSON.stringify(call.body);
  if (signingKey) {
    const signed = signedBody(call.body, signingKey);
    text = signed.text;
    headers[SIGNATURE_HEADER] = signed.signature;
  }
  const response = await handler(new Request(url, { method: 'POST', headers, body: text }));
  const reply = await response.text();
  let parsed: unknown = reply;
  try {
    parsed = reply ? JSON.parse(reply) : null;
  } catch {
    // Keep the raw text: it is the best description of what went wrong.
  }
  return {
    status: response.status,
    body: parsed,
    noRetry: response.headers.get('x-inngest-no-retry'),
  };
}
