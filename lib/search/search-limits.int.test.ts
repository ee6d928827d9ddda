import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { hitRateLimit, RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { clientIp, fromClient } from '@/lib/testing/client';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { pointSearchEngineAt } from './engine';
import { limitSearches } from './search-limits';
import { serveSearch, serveSuggestions } from './serve-search';
import { suggest } from './suggest';

setUpTestStores();

interface Answered {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** Asks a serve function as an anonymous GET from `ip`; what it answered. */
async function ask(
  serve: (request: IncomingMessage, response: ServerResponse) => Promise<void>,
  ip: string,
  url: string,
): Promise<Answered> {
  const answered: Answered = { status: 0, headers: {}, body: {} };
  const request = { method: 'GET', url, headers: {} } as IncomingMessage;
  const response = {
    writeHead(status: number, headers: Record<string, string>) {
      answered.status = status;
      answered.headers = headers;
      return this;
    },
    end(body?: string) {
      answered.body = body ? (JSON.parse(body) as Record<string, unknown>) : {};
      return this;
    },
  } as unknown as ServerResponse;
  await fromClient(ip, () => serve(request, response));
  return answered;
}

describe('search limits', () => {
  it('answers 429 with Retry-After and a sentence once an address used its searches', async () => {
    const ip = clientIp();
    const first = await ask(serveSearch, ip, '/api/search?q=');
    expect(first.status).toBe(200);
    await hitRateLimit(RATE_LIMITS.searchesPerIp, ip, RATE_LIMITS.searchesPerIp.limit);
    const limited = await ask(serveSearch, ip, '/api/search?q=');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({ ok: false, code: 'rate-limited' });
    expect(limited.body.formError).toMatch(/^Too many searches in a short time\. Please wait /);
    // Suggestions count apart, and another address is not affected.
    expect((await ask(serveSuggestions, ip, '/api/search/suggestions?q=a')).status).toBe(200);
    expect((await ask(serveSearch, clientIp(), '/api/search?q=')).status).toBe(200);
    await hitRateLimit(RATE_LIMITS.suggestionsPerIp, ip, RATE_LIMITS.suggestionsPerIp.limit);
    const suggestions = await ask(serveSuggestions, ip, '/api/search/suggestions?q=a');
    expect(suggestions.status).toBe(429);
    expect(suggestions.body.formError).toMatch(/^Too many suggestions in a short time\./);
  });

  it('counts a signed-in person per account, not per address', async () => {
    const person = await makeUser('lim');
    const ip = clientIp();
    await hitRateLimit(RATE_LIMITS.searchesPerIp, ip, RATE_LIMITS.searchesPerIp.limit);
    expect(await fromClient(ip, () => limitSearches('search', null))).toMatchObject({
      code: 'rate-limited',
    });
    expect(await fromClient(ip, () => limitSearches('search', person.id))).toBeNull();
    await hitRateLimit(
      RATE_LIMITS.searchesPerAccount,
      person.id,
      RATE_LIMITS.searchesPerAccount.limit,
    );
    const limited = await fromClient(clientIp(), () => limitSearches('search', person.id));
    expect(limited).toMatchObject({ code: 'rate-limited', retryAfterSeconds: expect.any(Number) });
  });

  it('sends no one-letter prefixes to the engine: such a query suggests nothing', async () => {
    await pointSearchEngineAt('mysql://127.0.0.1:9');
    try {
      // The engine is away: an answer (and not "unavailable") shows nothing was asked of it.
      expect(await suggest(null, { q: 'a b c' })).toEqual({ ok: true, value: { suggestions: [] } });
      expect(await suggest(null, { q: 'ab c' })).toMatchObject({ ok: false, code: 'unavailable' });
    } finally {
      await pointSearchEngineAt(undefined);
    }
  });
});
