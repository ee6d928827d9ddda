import type { Stack } from '../lib/stack';
import { growBench } from './grow';
import { measureColdViews, waitForQuiet, type ColdViews } from './cold-views';
import { signIn, type Row } from './measure';
import { measurePages } from './pages';
import type { DataSizeReport, Target } from './report';
import { dataSizeFailed, dataSizeTargets } from './targets';
import type { Seeded } from './seed';
import { DATA_SIZE, scale } from './settings';

/** The first-view step's authors at the seed's size: people no page scenario reads. */
function coldAuthorsAtSeed(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `bench_${scale.users - 1 - index * 7}`);
}

/** Every key of this run in Redis (caches, sessions, stamps, counters): the next reads start cold. */
async function forgetEverythingCached(): Promise<void> {
  const { cacheRedis, cacheRedisIsSeparate, durableRedis } = await import('../../lib/redis');
  const deleted = await cacheRedis().deleteAllWithPrefix();
  const durable = cacheRedisIsSeparate() ? await durableRedis().deleteAllWithPrefix() : 0;
  console.log(`Dropped ${deleted + durable} Redis keys of this run: every cache starts cold.`);
}

/**
 * The data-size step (issue 19.4), after everything else (it changes the data): grows the data
 * set to DATA_SIZE.factor times the seed with bulk inserts, drops every cached key of the run
 * (so the larger data set's pages and objects are built from it, and an instance's hot copies
 * go stale with their stamp hashes), then runs the same page scenarios, warmed the same way, and
 * the first views after publishing again.
 */
async function measureAtLargerSize(
  stack: Stack,
  token: string,
  seeded: Seeded,
): Promise<DataSizeReport['large']> {
  const base = stack.app.url;
  console.log(
    `Growing the data set to ${DATA_SIZE.factor}x (about ${DATA_SIZE.friendsPerUser} friends per new person)…`,
  );
  // The jobs of the first views' publications finish first: they would compete for the database.
  await waitForQuiet(base, token);
  // No instance while growing: its jobs (the counter flush, every minute) would compete too, and on
  // FerretDB v1 a job's scans beside the inserts once held every database connection for minutes.
  const grown = await stack.withoutApp(() =>
    growBench(scale, seeded, DATA_SIZE.factor, DATA_SIZE.friendsPerUser),
  );
  const appPid = stack.app.process.pid;
  console.log(`Grew to ${JSON.stringify(grown.counts)} in ${grown.seconds} s.`);
  await forgetEverythingCached();
  const cookie = await signIn(base, seeded.reader.username);
  const { rows } = await measurePages(base, token, seeded, cookie, appPid);
  const coldViews = await measureColdViews(
    base,
    token,
    grown.newUsernames(DATA_SIZE.coldAuthors),
    DATA_SIZE.coldPerAuthor,
    `${DATA_SIZE.factor}x`,
  );
  return {
    seeded: grown.counts,
    scenarios: rows,
    coldViews,
    generationSeconds: grown.seconds,
    friendsPerNewPerson: DATA_SIZE.friendsPerUser,
  };
}

/** First views after publishing at the seed's size (the comparison for the larger one). */
export function measureColdViewsAtSeed(base: string, token: string): Promise<ColdViews> {
  return measureColdViews(
    base,
    token,
    coldAuthorsAtSeed(DATA_SIZE.coldAuthors),
    DATA_SIZE.coldPerAuthor,
    '1x',
  );
}

/** The seed-size measurements beside the same ones at DATA_SIZE.factor times the data. */
export async function withLargerSize(
  stack: Stack,
  token: string,
  seeded: Seeded,
  atSeed: { pageRows: Row[]; coldAtSeed: ColdViews },
): Promise<DataSizeReport> {
  return {
    factor: DATA_SIZE.factor,
    normal: { seeded: seeded.counts, scenarios: atSeed.pageRows, coldViews: atSeed.coldAtSeed },
    large: await measureAtLargerSize(stack, token, seeded),
  };
}

/** The step's report and targets; a failed step is one unmet target (the run still reports). */
export async function settleDataSize(
  run: () => Promise<DataSizeReport | undefined>,
): Promise<{ dataSize?: DataSizeReport; targets: Target[] }> {
  try {
    const dataSize = await run();
    return { dataSize, targets: dataSize ? dataSizeTargets(dataSize) : [] };
  } catch (error) {
    console.error('The 10x step failed:', error);
    return { targets: [dataSizeFailed(error instanceof Error ? error : new Error(String(error)))] };
  }
}
