import { randomBytes } from 'node:crypto';
import type { Row } from './measure';
import { measure } from './measure';
import type { Target } from './report';

export const SEARCH_SELECTIVE = 'search API (signed in: "benchmark article 1234")';
export const SEARCH_BROAD = 'search API (signed in: "prose", every article matches)';
export const SEARCH_PAGE = 'search page (signed in: /search?q=benchmark article 1234)';

export interface SearchReport {
  rows: Row[];
  /** Rebuilding the index from MongoDB (bulk-seeded rows carry no events). */
  rebuildSeconds: number;
  indexed: { articles: number; people: number };
  /** From the publish request's answer to the first search that finds the article (ms). */
  indexLagMs: number[];
}

/** Publishes an article with a word of its own as `cookie`, then asks search until it is found. */
async function indexLag(base: string, cookie: string): Promise<number> {
  const headers = { 'Content-Type': 'application/json', Origin: base, Cookie: cookie };
  const term = `lag${randomBytes(5).toString('hex')}`;
  const draft = await fetch(`${base}/api/articles`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ title: `Index lag ${term}`, body: `How long until ${term} is found.` }),
  });
  const { id } = (await draft.json()) as { id: string };
  const published = await fetch(`${base}/api/articles/${id}/publish`, {
    method: 'POST',
    headers,
    body: '{}',
  });
  if (!published.ok) throw new Error(`publishing failed: ${published.status}`);
  const started = performance.now();
  for (;;) {
    const answer = await fetch(`${base}/api/search?q=${term}`, { headers: { Cookie: cookie } });
    const body = (await answer.json()) as { articles?: { total: number } };
    if ((body.articles?.total ?? 0) > 0) return Math.round(performance.now() - started);
    if (performance.now() - started > 60_000) throw new Error('not searchable after 60 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The search scenario (issue 22.6): fills the index from MongoDB (the seed writes rows in bulk,
 * without events), measures the search API with a selective and a broad query and the /search
 * page, signed in (the viewer's friends filter every query), then the index lag of three
 * publications.
 */
export async function measureSearch(
  base: string,
  token: string,
  cookie: string,
  appPid?: number,
): Promise<SearchReport> {
  const { rebuildSearchIndexNow } = await import('../../lib/search/rebuild');
  const rebuildStarted = performance.now();
  const indexed = await rebuildSearchIndexNow();
  const rebuildSeconds = Math.round((performance.now() - rebuildStarted) / 100) / 10;
  console.log(`Search index rebuilt: ${JSON.stringify(indexed)} in ${rebuildSeconds} s.`);
  const asReader = { Cookie: cookie };
  const rows = [
    await measure(
      SEARCH_SELECTIVE,
      base,
      `${base}/api/search?q=benchmark+article+1234`,
      token,
      asReader,
      appPid,
    ),
    await measure(SEARCH_BROAD, base, `${base}/api/search?q=prose`, token, asReader, appPid),
    await measure(
      SEARCH_PAGE,
      base,
      `${base}/search?q=benchmark+article+1234`,
      token,
      asReader,
      appPid,
    ),
  ];
  const indexLagMs: number[] = [];
  for (let run = 0; run < 3; run += 1) indexLagMs.push(await indexLag(base, cookie));
  console.log(`Index lag (publish to searchable): ${indexLagMs.join(', ')} ms.`);
  return { rows, rebuildSeconds, indexed, indexLagMs };
}

/** "search p99 ≤ 50 ms at 32 connections", and the index lag reported beside it. */
export function searchTargets(report: SearchReport, connections: number): Target[] {
  const selective = report.rows.find((row) => row.scenario === SEARCH_SELECTIVE);
  if (!selective) return [];
  return [
    {
      name: `search p99 ≤ 50 ms at ${connections} connections`,
      goal: '<= 50 ms',
      value: `${selective.p99} ms`,
      met: selective.p99 <= 50 && selective.errors === 0 && selective.non2xx === 0,
      why: `GET /api/search signed in over ${report.indexed.articles} indexed articles: one SphinxQL round trip (articles, people, tags), the hits checked on cached objects; broad query p99 ${report.rows[1]?.p99} ms, the page ${report.rows[2]?.p99} ms; index lag (publish to searchable) ${report.indexLagMs.join(', ')} ms`,
    },
  ];
}
