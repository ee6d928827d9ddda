/**
 * How many bytes a request body may have, per route: one table that the HTTP server applies
 * before anything reads the body (lib/server/http-server.ts) and that the routes' own checks use,
 * so the two always agree. Next's proxy buffers at most the largest of them (next.config.js).
 */
export const MAX_JSON_BYTES = 64 * 1024;
/** An image upload: the image (5 MB) plus the multipart envelope. */
export const MAX_IMAGE_UPLOAD_BYTES = 5 * 1024 * 1024 + 64 * 1024;
/** Inngest's calls carry the run's step results (its own limit is 4 MB). */
export const MAX_JOB_CALL_BYTES = 4 * 1024 * 1024 + 64 * 1024;

const JOB_ENDPOINT = /^\/api\/inngest$/;
const LIMITS: [RegExp, number][] = [
  [/^\/api\/articles\/[^/]+\/cover$/, MAX_IMAGE_UPLOAD_BYTES],
  [/^\/api\/articles\/[^/]+\/images$/, MAX_IMAGE_UPLOAD_BYTES],
  [/^\/api\/profile\/avatar$/, MAX_IMAGE_UPLOAD_BYTES],
  [JOB_ENDPOINT, MAX_JOB_CALL_BYTES],
];

/** The largest body any route accepts (Next's proxy buffers up to this). */
export const MAX_ANY_BODY_BYTES = Math.max(MAX_JSON_BYTES, ...LIMITS.map(([, limit]) => limit));

/**
 * The body limit of a path (without its query): JSON-sized unless the table says otherwise. With
 * in-process jobs no call to the job endpoint ever comes over the network (the executor calls the
 * handler directly), so there it gets no more than any JSON route.
 */
export function bodyLimitFor(path: string, { jobsOverNetwork = true } = {}): number {
  if (!jobsOverNetwork && JOB_ENDPOINT.test(path)) return MAX_JSON_BYTES;
  return LIMITS.find(([pattern]) => pattern.test(path))?.[1] ?? MAX_JSON_BYTES;
}
