import type { Failure } from '@/lib/validation/result';
import type { ApiRoute } from './contract';

/**
 * What a call came back with: the route's value; the server's refusal (`failure` is null when the
 * answer was no failure of ours, e.g. a proxy's error page) with the HTTP status; or no answer.
 */
export type ApiAnswer<Response> =
  | { ok: true; value: Response }
  | { ok: false; reached: true; httpStatus: number; failure: Failure | null }
  | { ok: false; reached: false };

/** The params and body a route takes; those it does not take are left out. */
export type CallInput<Params, Request> = ([Params] extends [void]
  ? { params?: undefined }
  : { params: Params }) &
  ([Request] extends [void] ? { body?: undefined } : { body: Request });

type Wire = Record<string, unknown> & { ok?: unknown };

/**
 * Calls an API route from the browser: JSON in and out, or multipart for a FormData body.
 * `keepalive` lets the request finish after the page is gone (a save sent while leaving).
 */
export async function callApi<Params, Request, Response>(
  route: ApiRoute<Params, Request, Response>,
  input: CallInput<Params, Request>,
  { keepalive = false }: { keepalive?: boolean } = {},
): Promise<ApiAnswer<Response>> {
  // CallInput is the same object seen per route; here it is one shape for all.
  const { params, body } = input as { params: Params; body?: Request };
  let response: globalThis.Response;
  try {
    response = await fetch(route.path(params), {
      method: route.method,
      ...(keepalive ? { keepalive } : {}),
      ...(body instanceof FormData
        ? { body }
        : body === undefined
          ? {}
          : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    });
  } catch {
    return { ok: false, reached: false };
  }
  const payload = (await response.json().catch(() => null)) as Wire | null;
  if (response.ok && payload?.ok === true) {
    const { ok: _ok, ...value } = payload;
    // The one place the browser trusts the server: the route answers what its contract says.
    return { ok: true, value: value as Response };
  }
  const failure = payload?.ok === false ? (payload as Failure) : null;
  return { ok: false, reached: true, httpStatus: response.status, failure };
}
