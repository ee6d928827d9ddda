import { MARKDOWN_LIMITS } from '@/lib/articles/render/limits';

/**
 * How many bytes a request body may have, per route: one table that the HTTP server applies
 * before anything reads the body (lib/server/http-server.ts) and that the routes' own checks use,
 * so the two always agree. Next's proxy buffers at most the largest of them (next.config.js).
 * Each limit comes with what a person is told when a body is over it: the field and its limit.
 */
export const MAX_JSON_BYTES = 64 * 1024;
/**
 * An article's save, publish or preview: a body of the most characters articles may have, each
 * at its largest in JSON (`\uXXXX`, 6 bytes), and the other fields. The character limit itself is
 * the schema's, so an over-long body is refused with the field's own message, not this one.
 */
export const MAX_ARTICLE_JSON_BYTES = MARKDOWN_LIMITS.maxChars * 6 + MAX_JSON_BYTES;
/** An image upload: the image (5 MB) plus the multipart envelope. */
export const MAX_IMAGE_UPLOAD_BYTES = 5 * 1024 * 1024 + 64 * 1024;
/** Inngest's calls carry the run's step results (its own limit is 4 MB). */
export const MAX_JOB_CALL_BYTES = 4 * 1024 * 1024 + 64 * 1024;

const ARTICLE_CHARS = MARKDOWN_LIMITS.maxChars.toLocaleString('en');
const JOB_ENDPOINT = /^\/api\/inngest$/;
const IMAGES = 'Images can be at most 5 MB.';
const LIMITS: [RegExp, number, string][] = [
  [/^\/api\/articles\/[^/]+\/cover$/, MAX_IMAGE_UPLOAD_BYTES, IMAGES],
  [/^\/api\/articles\/[^/]+\/images$/, MAX_IMAGE_UPLOAD_BYTES, IMAGES],
  [/^\/api\/profile\/avatar$/, MAX_IMAGE_UPLOAD_BYTES, IMAGES],
  [JOB_ENDPOINT, MAX_JOB_CALL_BYTES, 'That is more than we can accept at once.'],
  [
    /^\/api\/articles(\/preview|\/[^/]+(\/publish)?)?$/,
    MAX_ARTICLE_JSON_BYTES,
    `The body is too long: articles are at most ${ARTICLE_CHARS} characters.`,
  ],
];
/** JSON routes whose body is mostly one field: a body over the limit names it. */
const JSON_MESSAGES: [RegExp, string][] = [
  [/^\/api\/articles\/[^/]+\/comments(\/[^/]+)?$/, 'Comments are at most 5,000 characters.'],
  [/^\/api\/profile$/, 'Your profile is too long: a bio is at most 500 characters.'],
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

/** What a body over the path's limit is answered: which field, and its limit. */
export function tooLargeMessage(path: string): string {
  const match = [...LIMITS, ...JSON_MESSAGES.map(([p, m]) => [p, 0, m] as const)].find(
    ([pattern]) => pattern.test(path),
  );
  return match?.[2] ?? 'That is more than we can accept at once: requests are at most 64 KB.';
}
