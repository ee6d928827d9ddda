/**
 * `npm run bench`: seeds a realistic data set, serves the production build, drives it with
 * autocannon and reports throughput, latency and store commands per request, the fan-out time
 * beside Redis's own pipelined ZADD ceiling, the scale-out ratio over nginx, and the cost of the
 * Server-Timing instrumentation. Writes bench/results/latest.json and latest.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { commandExists, run, stopChildrenOnExit } from '../lib/processes';
import { startStack } from '../lib/stack';
import { startBareServer } from './bare-server';
import { measureStreamOnCluster } from './cluster';
import { measureFanOut, redisZaddCeiling } from './fan-out';
import { instrumentationOverhead, likeForLikeAsset, measure, signIn, type Row } from './measure';
import { summariseProfiles } from './profile-summary';
import { appendHottestFunctions, writeReport } from './report';
import { measureScaleOut } from './scale-out';
import { seedBench } from './seed';
import { BROWSER_ENCODING, CAPPED_CORES, CONNECTIONS, DURATION, scale } from './settings';
import {
  ANONYMOUS_ARTICLE,
  BARE_SERVER,
  benchTargets,
  pageTargets,
  SIGNED_IN_ARTICLE,
  STATIC_ASSET,
} from './targets';

const USAGE = `npm run bench: throughput, latency and cache discipline of a production build.

Seeds a data set, serves a fresh build and measures it (about 3 minutes); writes
bench/results/latest.json and latest.md. Settings, as environment variables:
  BENCH_CONNECTIONS (${CONNECTIONS})  BENCH_SECONDS per scenario (${DURATION})
  BENCH_USERS (${scale.users})  BENCH_FRIENDS (${scale.friendsPerUser})  BENCH_STAR_FRIENDS (${scale.starFriends})
  BENCH_ARTICLES (${scale.articles})  BENCH_CAPPED_CORES (${CAPPED_CORES})  BENCH_POSTGRES_URL
Options:
  --only pages   the page scenarios (with the bare-server ceiling) and their targets only;
                 writes bench/results/pages.json and pages.md instead
  --no-build     serve the build already there (after \`npm run build\`)`;

type Seeded = Awaited<ReturnType<typeof seedBench>>;

/** `--only pages`: the page scenarios and their targets only, written to bench/results/pages.*. */
const ONLY_PAGES = process.argv.includes('--only') && process.argv.includes('pages');
const RESULT_NAME = ONLY_PAGES ? 'pages' : 'latest';

/**
 * FerretDB on PostgreSQL when a PostgreSQL server is at hand (as on every machine of this kind):
 * with 250,000 friendships its SQLite backend's scans, not the app, would be measured.
 */
async function postgresAtHand(): Promise<string | undefined> {
  const postgresUrl =
    process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const usable =
    commandExists('psql') &&
    (await run('psql', [postgresUrl, '-q', '-c', 'select 1'], { stdio: 'ignore' })) === 0;
  return usable ? postgresUrl : undefined;
}

/**
 * The page scenarios, beside a static asset of the article page's size and the ceiling: a bare
 * Node server sending the anonymous article's bytes. Every request asks for br or gzip, as
 * browsers do.
 */
async function measurePages(
  base: string,
  token: string,
  seeded: Seeded,
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
    // The page (one copy for every signed-in reader), then the reader's own state, as a browser.
    await scenario(SIGNED_IN_ARTICLE, article, { Cookie: cookie }, [
      `/api/reader?article=${seeded.articleId}`,
    ]),
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

/** What every report says about the run: when, where, with which data. */
function reportBase(
  database: string,
  seeded: Seeded,
  staticAsset: { path: string; bytes: number },
) {
  return {
    date: new Date().toISOString(),
    machine: {
      cores: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    settings: { connections: CONNECTIONS, durationSeconds: DURATION, scale, staticAsset, database },
    seeded: seeded.counts,
  };
}

/** Everything measured against a running stack, written to bench/results. */
async function benchmark(
  stack: Awaited<ReturnType<typeof startStack>>,
  token: string,
  database: string,
  extraInstances: { stop(): Promise<void> }[],
  began: number,
): Promise<void> {
  const seedStarted = Date.now();
  const seeded = await seedBench(scale);
  console.log(
    `Seeded ${JSON.stringify(seeded.counts)} in ${Math.round((Date.now() - seedStarted) / 1000)} s.`,
  );
  const base = stack.app.url;
  const cookie = await signIn(base, seeded.reader.username);
  const { rows, staticAsset } = await measurePages(
    base,
    token,
    seeded,
    cookie,
    stack.app.process.pid,
  );
  if (ONLY_PAGES) {
    writeReport(
      {
        ...reportBase(database, seeded, staticAsset),
        scenarios: rows,
        fanOut: {},
        scaleOut: {},
        instrumentationNsPerRequest: Math.round(await instrumentationOverhead()),
        targets: pageTargets(rows),
        totalSeconds: Math.round((Date.now() - began) / 1000),
      },
      RESULT_NAME,
    );
    return;
  }

  const ceiling = redisZaddCeiling(stack.env.REDIS_URL as string);
  const { star } = seeded;
  const fanOut = await measureFanOut(base, star.username, star.id, star.friendIds);
  const fanOutRate = Math.round(fanOut.entries / (fanOut.ms / 1000));
  console.log(
    `fan-out: ${fanOut.entries} streams in ${fanOut.ms} ms (${fanOutRate} entries/s); redis-benchmark ZADD -P 16: ${ceiling} ops/s`,
  );

  const scaleOut = await measureScaleOut(
    stack.app,
    stack.env,
    { base, token, cookie },
    extraInstances,
  );
  const { scaleRows, cappedRows, uncappedRatio, cappedRatio } = scaleOut;
  rows.push(await measureStreamOnCluster(stack.env, token, seeded.reader.username));
  const overheadNs = Math.round(await instrumentationOverhead());
  console.log(
    `scale-out ratio: ${cappedRatio ?? 'n/a'} capped, ${uncappedRatio} uncapped; instrumentation: ${overheadNs} ns per request`,
  );

  writeReport({
    ...reportBase(database, seeded, staticAsset),
    scenarios: [...rows, ...scaleRows, ...cappedRows],
    fanOut: { ...fanOut, entriesPerSecond: fanOutRate, redisZaddPipelinedCeiling: ceiling },
    scaleOut: {
      cappedCoresPerInstance: cappedRatio === null ? undefined : CAPPED_CORES,
      oneInstanceRps: cappedRows[0]?.rps,
      twoInstancesRps: cappedRows[1]?.rps,
      ratio: cappedRatio ?? undefined,
      uncappedOneInstanceRps: scaleRows[0]?.rps,
      uncappedTwoInstancesRps: scaleRows[1]?.rps,
      uncappedRatio,
    },
    instrumentationNsPerRequest: overheadNs,
    targets: benchTargets(rows, fanOut, ceiling, scaleOut),
    totalSeconds: Math.round((Date.now() - began) / 1000),
  });
}

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  stopChildrenOnExit();
  const began = Date.now();
  const token = randomBytes(16).toString('hex');
  console.log(
    `Seeding and building (users ${scale.users}, about ${scale.friendsPerUser} friends each, a star with ${scale.starFriends}, ${scale.articles} articles)…`,
  );
  // The first instance runs with the V8 CPU profiler: its hottest functions go into the report.
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'inkwell-bench-profile-'));
  const postgresUrl = await postgresAtHand();
  const database = postgresUrl ? 'FerretDB on PostgreSQL' : 'FerretDB on SQLite';
  console.log(`Database: ${database}.`);
  const stack = await startStack(
    'bench',
    { METRICS_TOKEN: token },
    ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
    { postgresUrl, build: !process.argv.includes('--no-build') },
  );
  Object.assign(process.env, stack.env, { NODE_ENV: 'production' });
  const extraInstances: { stop(): Promise<void> }[] = [];
  try {
    await benchmark(stack, token, database, extraInstances, began);
  } finally {
    for (const instance of extraInstances) await instance.stop();
    const { disconnectDb } = await import('../../lib/db/connection');
    await disconnectDb().catch(() => undefined);
    await stack.stop();
  }
  appendHottestFunctions(summariseProfiles(profileDir), RESULT_NAME);
  rmSync(profileDir, { recursive: true, force: true });
}

main().then(
  // The benchmark's own store connections would keep the process alive.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
