import { mkdtempSync, rmSync } from 'node:fs';
import { splitReaderState } from '../../lib/reader/reader-state-element';
import os from 'node:os';
import path from 'node:path';
import { startBareServer } from './bare-server';
import { likeForLikeAsset, measure, type Row } from './measure';
import type { Seeded } from './seed';
import { BROWSER_ENCODING } from './settings';
import { ANONYMOUS_ARTICLE, BARE_SERVER, SIGNED_IN_ARTICLE, STATIC_ASSET } from './targets';

/**
 * The page scenarios, beside a static asset of the article page's size and the ceiling: a bare
 * Node server sending the anonymous article's bytes. Every request asks for br or gzip, as
 * browsers do.
 */
export async function measurePages(
  base: string,
  token: string,
  seeded: Pick<Seeded, 'articlePath' | 'articleId' | 'profilePath'>,
  cookie: string,
  appPid?: number,
) {
  const staticAsset = likeForLikeAsset(
    (await (await fetch(`${base}${seeded.articlePath}`)).arrayBuffer()).byteLength,
  );
  console.log(`Static asset: ${staticAsset.path} (${staticAsset.bytes} bytes).`);
  const asBrowser = (headers: Record<string, string> = {}) => ({ ...BROWSER_ENCODING, ...headers });
  const scenario = (
    name: string,
    url: string,
    headers: Record<string, string> = {},
    alsoAsk: string[] = [],
  ) => measure(name, base, url, token, asBrowser(headers), appPid, alsoAsk);
  const article = `${base}${seeded.articlePath}`;
  const rows: Row[] = [
    await scenario(STATIC_ASSET, `${base}${staticAsset.path}`),
    await scenario(ANONYMOUS_ARTICLE, article),
    // One copy for every signed-in reader, finished with the reader's own state: one request.
    await carriesReaderState(article, cookie, seeded.articleId).then(() =>
      scenario(SIGNED_IN_ARTICLE, article, { Cookie: cookie }),
    ),
    await scenario('home stream (signed in)', `${base}/`, { Cookie: cookie }),
    await scenario('profile (anonymous)', `${base}${seeded.profilePath}`),
  ];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'inkwell-bench-bare-'));
  const bare = await startBareServer(article, asBrowser(), dir);
  try {
    console.log(
      `Bare server: the anonymous article as sent (${bare.encoding}, ${bare.bytes} bytes).`,
    );
    rows.push(await measure(BARE_SERVER, base, bare.url, token, asBrowser(), bare.pid));
  } finally {
    await bare.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows, staticAsset };
}

/**
 * The signed-in view measured is the whole view: once warm, the page arrives with the reader's own
 * state after it (else the browser would ask /api/reader too, and the row would not say so).
 */
async function carriesReaderState(url: string, cookie: string, articleId: string): Promise<void> {
  let state: unknown = null;
  // The first views render and keep the copy (compressed and stored after the response): hits follow.
  for (let attempt = 0; attempt < 40 && state === null; attempt += 1) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 250));
    const page = await (
      await fetch(url, { headers: { Cookie: cookie, ...BROWSER_ENCODING } })
    ).text();
    state = splitReaderState(page).state;
  }
  const parsed = state as { article?: string; status?: string } | null;
  if (parsed?.article !== articleId || parsed.status !== 'signed-in')
    throw new Error(
      `the signed-in article did not carry the reader's state (${JSON.stringify(state)})`,
    );
}
