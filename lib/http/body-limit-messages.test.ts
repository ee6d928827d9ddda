import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { MAX_ARTICLE_JSON_BYTES, MAX_JSON_BYTES } from '@/lib/http/body-limits';
import { handleJsonWrite } from '@/lib/http/responses';
import { refuseBadRequest } from '@/lib/server/refuse-bad-request';
import { NextResponse } from 'next/server';

/** Issue 24.7: a body over a route's limit is told which field and the limit, not only "too much". */
const ORIGIN = 'http://inkwell.test';

function write(path: string, length: number): Request {
  return new Request(`${ORIGIN}${path}`, {
    method: 'PATCH',
    headers: {
      origin: ORIGIN,
      'x-forwarded-host': 'inkwell.test',
      'content-length': String(length),
    },
    body: '{}',
  });
}

const handled = async () => NextResponse.json({ ok: true });

describe('a JSON write over its limit', () => {
  it('an article save takes a body of the most characters articles may have', async () => {
    const response = await handleJsonWrite(write('/api/articles/abc', MAX_JSON_BYTES + 1), handled);
    expect(response.status).toBe(200);
  });

  it('an article over even that is told the field and the limit', async () => {
    const response = await handleJsonWrite(
      write('/api/articles/abc', MAX_ARTICLE_JSON_BYTES + 1),
      handled,
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      ok: false,
      code: 'too-large',
      formError: 'The body is too long: articles are at most 100,000 characters.',
    });
  });

  it('a comment over the limit names comments and their limit', async () => {
    const response = await handleJsonWrite(
      write('/api/articles/abc/comments', MAX_JSON_BYTES + 1),
      handled,
    );
    expect(response.status).toBe(413);
    expect((await response.json()).formError).toBe('Comments are at most 5,000 characters.');
  });
});

describe('the HTTP server refusing a body before it is read', () => {
  function answerOf(path: string, length: number) {
    const answer: { status?: number; headers?: Record<string, string>; body?: string } = {};
    const response = {
      writeHead: (status: number, headers: Record<string, string>) => {
        answer.status = status;
        answer.headers = headers;
      },
      end: (body: string) => {
        answer.body = body;
      },
    } as unknown as ServerResponse;
    const request = {
      method: 'PATCH',
      url: path,
      headers: { 'content-length': String(length) },
    } as unknown as IncomingMessage;
    const refused = refuseBadRequest(request, response, path, true);
    return { refused, ...answer };
  }

  it('answers the API in JSON, naming the field and the limit', () => {
    const answer = answerOf('/api/articles/abc', MAX_ARTICLE_JSON_BYTES + 1);
    expect(answer.refused).toBe(true);
    expect(answer.status).toBe(413);
    expect(answer.headers?.['Content-Type']).toBe('application/json');
    expect(JSON.parse(answer.body ?? '')).toEqual({
      ok: false,
      code: 'too-large',
      formError: 'The body is too long: articles are at most 100,000 characters.',
    });
  });

  it('lets an article of the full length through to its route', () => {
    expect(answerOf('/api/articles/abc', MAX_JSON_BYTES * 2).refused).toBe(false);
  });
});
