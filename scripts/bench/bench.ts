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
import { measureStreamOnCluster } from './cluster';
import { measureColdViewsAtSeed, settleDataSize, withLargerSize } from './data-size';
import { measureFanOut, redisZaddCeiling } from './fan-out';
import { instrumentationOverhead, signIn, type Row } from './measure';
import { measurePages } from './pages';
import { summariseProfiles } from './profile-summary';
import { appendHottestFunctions, writeReport, type DataSizeReport } from './report';
import { measureScaleOut } from './scale-out';
import { measureSearch, searchTargets } from './search';
import { seedBench } from './seed';
import { CAPPED_CORES, CONNECTIONS, DATA_SIZE, DURATION, scale } from './settings';
import { benchTargets, pageTargets } from './targets';
import { measureWarmViews } from './warm-views';

const USAGE = `npm run bench: throughput, latency and cache discipline of a production build.

Seeds a data set, serves a fresh build and measures it (about 4.5 minutes on a quiet
machine), then grows the data set to ${DATA_SIZE.factor}x and measures the pages again (a few
minutes more); writes bench/results/latest.json and latest.md. Settings, as environment variables:
  BENCH_CONNECTIONS (${CONNECTIONS})  BENCH_SECONDS per scenario (${DURATION})
  BENCH_USERS (${scale.users})  BENCH_FRIENDS (${scale.friendsPerUser})  BENCH_STAR_FRIENDS (${scale.starFriends})
  BENCH_ARTICLES (${scale.articles})  BENCH_CAPPED_CORES (${CAPPED_CORES})  BENCH_POSTGRES_URL
  BENCH_SCALE_FACTOR (${DATA_SIZE.factor})  BENCH_SCALE_FRIENDS (${DATA_SIZE.friendsPerUser})
  BENCH_COLD_AUTHORS (${DATA_SIZE.coldAuthors})  BENCH_COLD_PER_AUTHOR (${DATA_SIZE.coldPerAuthor})
Options:
  --only pages   the page scenarios (with the bare-server ceiling) and their targets only;
                 writes bench/results/pages.json and pages.md instead
  --only scale   the page scenarios and first views after publishing, at the seed's size and
                 again at ${DATA_SIZE.factor}x (grown with bulk inserts), and their targets only;
                 writes bench/results/scale.json and scale.md instead
  --only search  the search scenario only (the index rebuilt from the seed, the search API
                 and page, index lag); writes bench/results/search.json and search.md
  --no-scale     the full run without the ${DATA_SIZE.factor}x step (a few minutes shorter)
  --no-build     serve the build already there (after \`npm run build\`)`;

type Seeded = Awaited<ReturnType<typeof seedBench>>;

const only = (name: string) => process.argv.includes('--only') && process.argv.includes(name);
/** `--only pages`: the page scenarios and their targets only, written to bench/results/pages.*. */
const ONLY_PAGES = only('pages');
/** `--only scale`: the page scenarios and first views at both sizes, in bench/results/scale.*. */
const ONLY_SCALE = only('scale');
/**
 * The search scenario at the end of a full run, so over the larger data set when the run grew it
 * (issue 22.6): its rows join `rows`; answers its targets.
 */
async function searchAfterAll(base: string, token: string, seeded: Seeded, rows: Row[]) {
  const searched = await measureSearch(base, token, await signIn(base, seeded.reader.username));
  rows.push(...searched.rows);
  return searchTargets(searched, CONNECTIONS);
}

/** `--only search`: the search scenario and its target only, in bench/results/search.*. */
const ONLY_SEARCH = only('search');
const RESULT_NAME = ONLY_PAGES ? 'pages' : ONLY_SCALE ? 'scale' : ONLY_SEARCH ? 'search' : 'latest';
/** Whether this run grows the data set and measures again (the last step of a full run). */
const WITH_DATA_SIZE =
  ONLY_SCALE || (!ONLY_PAGES && !ONLY_SEARCH && !process.argv.includes('--no-scale'));

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

async function seeding(): Promise<Seeded> {
  const seedStarted = Date.now();
  const seeded = await seedBench(scale);
  console.log(
    `Seeded ${JSON.stringify(seeded.counts)} in ${Math.round((Date.now() - seedStarted) / 1000)} s.`,
  );
  return seeded;
}

/** Everything measured against a running stack, written to bench/results. */
async function benchmark(
  stack: Awaited<ReturnType<typeof startStack>>,
  token: string,
  database: string,
  extraInstances: { stop(): Promise<void> }[],
  began: number,
): Promise<void> {
  const seeded = await seeding();
  const base = stack.app.url;
  const appPid = stack.app.process.pid;
  const cookie = await signIn(base, seeded.reader.username);
  if (ONLY_SEARCH) return searchOnly(base, token, database, seeded, cookie, appPid, began);
  const { rows, staticAsset } = await measurePages(base, token, seeded, cookie, appPid);
  const pageRows = [...rows];
  const warmViews = await measureWarmViews(base, token, seeded, cookie);
  const coldAtSeed = WITH_DATA_SIZE ? await measureColdViewsAtSeed(base, token) : undefined;
  const dataSizeReport = async (): Promise<DataSizeReport | undefined> =>
    coldAtSeed && withLargerSize(stack, token, seeded, { pageRows, coldAtSeed });
  if (ONLY_PAGES || ONLY_SCALE) {
    const sized = await settleDataSize(dataSizeReport);
    writeReport(
      {
        ...reportBase(database, seeded, staticAsset),
        scenarios: rows,
        warmViews,
        fanOut: {},
        scaleOut: {},
        instrumentationNsPerRequest: Math.round(await instrumentationOverhead()),
        dataSize: sized.dataSize,
        targets: [...pageTargets(rows, warmViews), ...sized.targets],
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
  // The 10x step comes last: if it fails, everything before it is still reported.
  const sized = await settleDataSize(dataSizeReport);
  sized.targets.push(...(await searchAfterAll(base, token, seeded, rows)));

  writeReport({
    ...reportBase(database, seeded, staticAsset),
    scenarios: [...rows, ...scaleRows, ...cappedRows],
    warmViews,
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
    dataSize: sized.dataSize,
    targets: [...benchTargets(rows, fanOut, ceiling, scaleOut, warmViews), ...sized.targets],
    totalSeconds: Math.round((Date.now() - began) / 1000),
  });
}

/** `--only search`: the search scenario at the seed's size, written to bench/results/search.*. */
async function searchOnly(
  base: string,
  token: string,
  database: string,
  seeded: Seeded,
  cookie: string,
  appPid: number | undefined,
  began: number,
): Promise<void> {
  const searched = await measureSearch(base, token, cookie, appPid);
  writeReport(
    {
      ...reportBase(database, seeded, { path: '', bytes: 0 }),
      scenarios: searched.rows,
      warmViews: [],
      fanOut: {},
      scaleOut: {},
      instrumentationNsPerRequest: 0,
      targets: searchTargets(searched, CONNECTIONS),
      totalSeconds: Math.round((Date.now() - began) / 1000),
    },
    RESULT_NAME,
  );
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
