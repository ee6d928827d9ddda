import type { z } from 'zod';

export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One route. `Params` fill the path, `Request` is the body (`void` for none, `FormData` for an
 * upload), `Response` the value of a success. The two type slots carry no data.
 */
export interface ApiRoute<Params, Request, Response> {
  method: ApiMethod;
  path: (params: Params) => string;
  /** The status of a success; a failure's status comes from its code (lib/http/). */
  successStatus: number;
  readonly types?: { request: Request; response: Response };
}

/** Any route, for helpers that take one. */
export type AnyApiRoute = ApiRoute<never, unknown, unknown>;
export type RequestOf<R> = R extends ApiRoute<never, infer Request, unknown> ? Request : never;
export type ResponseOf<R> = R extends ApiRoute<never, unknown, infer Response> ? Response : never;
export type ParamsOf<R> = R extends ApiRoute<infer Params, unknown, unknown> ? Params : never;

/** What a schema accepts (before its transforms): what the browser may send. */
export type BodyOf<Schema extends z.ZodType> = z.input<Schema>;

export function route<Params, Request, Response>(
  method: ApiMethod,
  path: (params: Params) => string,
  successStatus = 200,
): ApiRoute<Params, Request, Response> {
  return { method, path, successStatus };
}

export type ById = { id: string };
export const article = ({ id }: ById) => `/api/articles/${id}`;
export const comment = ({ id }: ById) => `/api/comments/${id}`;
