import { postJson } from '../lib/stack';
import { signIn } from './measure';
import { articleBody } from './seed';
import { BROWSER_ENCODING } from './settings';

/** The first views of freshly published articles, one at a time, at one data size. */
export interface ColdViews {
  articles: number;
  p50: number;
  p99: number;
  max: number;
  /** Store commands a first view sent, on average (background jobs not counted). */
  mongoPerView: number;
  mongoMsPerView: number;
  redisPerView: number;
  /** How long publishing took through the API (median, ms), fan-out not included. */
  publishP50: number;
}

interface StoreTotals {
  mongoInFlight: number;
  mongo: { commands: number };
  inRequests: { mongo: { commands: number; ms: number }; redis: { commands: number } };
}

async function totals(base: string, token: string): Promise<StoreTotals> {
  const response = await fetch(`${base}/api/metrics`, { headers: { 'x-metrics-token': token } });
  return (await response.json()) as StoreTotals;
}

/** Nearest-rank percentile of ascending `sorted`. */
function percentile(sorted: number[], share: number): number {
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] ?? 0;
}

/**
 * Waits until the jobs the publications started (fan-out, notifications, counters) are done, so
 * the first views, or the growth of the data set, do not compete with them: three seconds in a
 * row with no MongoDB command in flight and at most one ending per second (the health ping goes
 * on); at most 5 minutes. A job that keeps failing (a scan past the driver's 20 s socket timeout
 * on a loaded machine) is waited for until it gives up: its retries would starve the inserts.
 */
export async function waitForQuiet(base: string, token: string): Promise<void> {
  const deadline = Date.now() + 300_000;
  let last = (await totals(base, token)).mongo.commands;
  let slowPolls = 0;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const now = await totals(base, token);
    slowPolls = now.mongo.commands - last <= 1 ? slowPolls + 1 : 0;
    last = now.mongo.commands;
    if ((slowPolls >= 3 && now.mongoInFlight === 0) || Date.now() > deadline) return;
  }
}

/**
 * Publishes `perAuthor` articles as each of `authors` through the app's own API (draft, then
 * publish: the real path, with its fan-out), waits for the jobs to settle, then asks for each
 * article's page once, anonymously, as a browser would: nothing has viewed it yet, so the page
 * cache has no copy and the page is rendered. Reports the latency of those first views.
 */
export async function measureColdViews(
  base: string,
  token: string,
  authors: string[],
  perAuthor: number,
  label: string,
): Promise<ColdViews> {
  const paths: string[] = [];
  const publishMs: number[] = [];
  const started = Date.now();
  for (const author of authors) {
    const cookie = await signIn(base, author);
    for (let index = 0; index < perAuthor; index += 1) {
      const title = `First view ${label} ${author} ${index} ${Date.now()}`;
      const draft = await postJson(base, cookie, '/api/articles', {
        title,
        body: articleBody(title),
        tags: [`topic-${index}`],
      });
      const sent = performance.now();
      const published = await postJson(
        base,
        cookie,
        `/api/articles/${String(draft.id)}/publish`,
        {},
      );
      publishMs.push(performance.now() - sent);
      paths.push(`/u/${author}/${String(published.slug)}`);
    }
  }
  console.log(
    `  published ${paths.length} articles in ${Math.round((Date.now() - started) / 1000)} s; waiting for their jobs…`,
  );
  await waitForQuiet(base, token);
  const before = await totals(base, token);
  const latencies: number[] = [];
  for (const path of paths) {
    const asked = performance.now();
    const response = await fetch(`${base}${path}`, { headers: { ...BROWSER_ENCODING } });
    await response.arrayBuffer();
    latencies.push(performance.now() - asked);
    if (response.status !== 200) throw new Error(`first view of ${path}: ${response.status}`);
  }
  const after = await totals(base, token);
  const sorted = [...latencies].sort((a, b) => a - b);
  const views = Math.max(1, paths.length);
  const perView = (value: number) => Number((value / views).toFixed(2));
  const result: ColdViews = {
    articles: paths.length,
    p50: Math.round(percentile(sorted, 0.5)),
    p99: Math.round(percentile(sorted, 0.99)),
    max: Math.round(sorted.at(-1) ?? 0),
    mongoPerView: perView(after.inRequests.mongo.commands - before.inRequests.mongo.commands),
    mongoMsPerView: perView(after.inRequests.mongo.ms - before.inRequests.mongo.ms),
    redisPerView: perView(after.inRequests.redis.commands - before.inRequests.redis.commands),
    publishP50: Math.round(
      percentile(
        [...publishMs].sort((a, b) => a - b),
        0.5,
      ),
    ),
  };
  console.log(
    `first view after publishing (${label}): ${result.articles} articles, p50 ${result.p50} ms, p99 ${result.p99} ms, max ${result.max} ms, mongo/view ${result.mongoPerView} (${result.mongoMsPerView} ms), redis/view ${result.redisPerView}; publish p50 ${result.publishP50} ms`,
  );
  return result;
}
