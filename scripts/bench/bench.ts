/**
 * `npm run bench`: seeds a realistic data set, serves the production build, drives it with
 * autocannon and reports throughput, latency and store commands per request, the fan-out time
 * beside Redis's own pipelined ZADD ceiling, the scale-out ratio over nginx, and the cost of the
 * Server-Timing instrumentation. Writes bench/results/latest.json and latest.md.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  mkdirSync,
  readFileSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startAppServer } from '../lib/app-server';
import { startBalancer } from '../lib/nginx';
import { capCpu } from './cpu-cap';
import { commandExists, freePort, run, stopChildrenOnExit } from '../lib/processes';
import { postJson, startStack } from '../lib/stack';
import { summariseProfiles } from './profile-summary';
import { BENCH_PASSWORD, seedBench, type BenchScale } from './seed';

const ROOT = path.resolve(__dirname, '..', '..');
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
/** Each instance's CPU share in the capped scale-out run (two of them leave a core for the rest). */
const CAPPED_CORES = Number(process.env.BENCH_CAPPED_CORES ?? 0.4);
const scale: BenchScale = {
  users: Number(process.env.BENCH_USERS ?? 5_001),
  friendsPerUser: Number(process.env.BENCH_FRIENDS ?? 100),
  starFriends: Number(process.env.BENCH_STAR_FRIENDS ?? 5_000),
  articles: Number(process.env.BENCH_ARTICLES ?? 20_000),
};

interface Totals {
  requests: number;
  mongo: { commands: number };
  // Commands sent while serving requests (background jobs are not billed to requests).
  inRequests: { mongo: { commands: number }; redis: { commands: number } };
  /** Since the previous read that reset it (`?reset=event-loop`). */
  eventLoopDelay?: { p99Ms: number; maxMs: number };
}

interface Row {
  scenario: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  mongoPerRequest: number;
  redisPerRequest: number;
  /** MongoDB commands sent by background work (jobs) while the scenario ran. */
  backgroundMongo: number;
  /** CPU the database server used meanwhile, in percent of one core. */
  databaseCpuPercent: number;
  /** The instance's event-loop delay during the scenario (p99 and max, ms). */
  eventLoopP99Ms: number;
  eventLoopMaxMs: number;
}

/**
 * The server's ceiling is measured on a static file of about the size of the article page, so
 * that both move the same bytes and only the work of making the page differs.
 */
function likeForLikeAsset(pageBytes: number): { path: string; bytes: number } {
  const dir = path.join(ROOT, '.next', 'static', 'chunks');
  const chunks = readdirSync(dir)
    .filter((file) => file.endsWith('.js'))
    .map((file) => ({
      path: `/_next/static/chunks/${file}`,
      bytes: statSync(path.join(dir, file)).size,
    }))
    .sort((a, b) => Math.abs(a.bytes - pageBytes) - Math.abs(b.bytes - pageBytes));
  if (!chunks[0]) throw new Error('no static chunk to measure');
  return chunks[0];
}

/** CPU seconds a process has used so far (Linux /proc; 0 elsewhere). */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The FerretDB serving this run's database (started by the stack), if it runs here. */
function databasePid(): number | undefined {
  try {
    const port = new URL(process.env.MONGODB_URI ?? '').port;
    const line = execFileSync('pgrep', ['-af', `listen-addr=127.0.0.1:${port}`], {
      encoding: 'utf8',
    }).split('\n')[0];
    return line ? Number(line.split(' ')[0]) : undefined;
  } catch {
    return undefined;
  }
}

interface Target {
  name: string;
  goal: string;
  value: string;
  met: boolean;
  why: string;
}

async function totals(base: string, token: string): Promise<Totals> {
  // Each read restarts the event-loop delay histogram: the next read covers one scenario.
  const response = await fetch(`${base}/api/metrics?reset=event-loop`, {
    headers: { 'x-metrics-token': token },
  });
  return (await response.json()) as Totals;
}

async function load(url: string, headers: Record<string, string>) {
  return autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
}

async function measure(
  scenario: string,
  base: string,
  url: string,
  token: string,
  headers: Record<string, string> = {},
): Promise<Row> {
  for (let warm = 0; warm < 20; warm += 1)
    await fetch(url, { headers, redirect: 'manual' }).then((response) => response.arrayBuffer());
  const before = await totals(base, token);
  const database = databasePid();
  const databaseCpuBefore = cpuSeconds(database);
  const loadStarted = performance.now();
  const result = await load(url, headers);
  const databaseCpu = cpuSeconds(database) - databaseCpuBefore;
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const after = await totals(base, token);
  const requests = Math.max(1, after.requests - before.requests - 1);
  const row: Row = {
    scenario,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    mongoPerRequest: Number(
      ((after.inRequests.mongo.commands - before.inRequests.mongo.commands) / requests).toFixed(3),
    ),
    redisPerRequest: Number(
      ((after.inRequests.redis.commands - before.inRequests.redis.commands) / requests).toFixed(2),
    ),
    backgroundMongo:
      after.mongo.commands -
      before.mongo.commands -
      (after.inRequests.mongo.commands - before.inRequests.mongo.commands),
    databaseCpuPercent: Math.round((databaseCpu / loadSeconds) * 100),
    eventLoopP99Ms: after.eventLoopDelay?.p99Ms ?? 0,
    eventLoopMaxMs: after.eventLoopDelay?.maxMs ?? 0,
  };
  console.log(
    `${scenario.padEnd(28)} ${String(row.rps).padStart(6)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms  errors ${row.errors + row.non2xx}  mongo/req ${row.mongoPerRequest}  redis/req ${row.redisPerRequest}  background mongo ${row.backgroundMongo}  db cpu ${row.databaseCpuPercent}%  event loop p99 ${row.eventLoopP99Ms} ms max ${row.eventLoopMaxMs} ms`,
  );
  return row;
}

async function signIn(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/sessions`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Origin: base,
      'X-Forwarded-For': `198.18.${randomBytes(1)[0]}.9`,
    },
    body: JSON.stringify({ identifier: username, password: BENCH_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .find((value) => value.startsWith('inkwell.session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0] as string;
}

/** Redis's own ceiling for pipelined ZADD on this machine, measured in the same run. */
function redisZaddCeiling(redisUrl: string): number {
  const { hostname, port } = new URL(redisUrl);
  const output = execFileSync(
    'redis-benchmark',
    ['-h', hostname, '-p', port || '6379', '-t', 'zadd', '-n', '200000', '-P', '16', '-q'],
    {
      encoding: 'utf8',
    },
  );
  return Number(/ZADD[^:]*:\s*([\d.]+)/.exec(output)?.[1] ?? 0);
}

/** Publishes as the star author and waits for the entry in each of the author's friends' streams. */
async function measureFanOut(
  base: string,
  starUsername: string,
  starId: string,
  friends: string[],
): Promise<{ ms: number; entries: number }> {
  // The star's friend set is cached as the app would cache it after its first read: read cold,
  // FerretDB scans all friendships (its SQLite backend does not use the multikey index), which is
  // not what this measures. A popular author's set stays cached (7 days, kept up to date).
  const { friendsCache } = await import('../../lib/friends/cache');
  await friendsCache.prime(starId, friends);
  const cookie = await signIn(base, starUsername);
  const publish = async () => {
    const draft = await postJson(base, cookie, '/api/articles', {
      title: `Fan-out ${Date.now()}`,
      body: 'To every friend.',
    });
    const publishedAfter = Date.now() - 50;
    const started = performance.now();
    await postJson(base, cookie, `/api/articles/${String(draft.id)}/publish`, {});
    return { publishedAfter, started };
  };
  // A steady-state measurement: the instance's first publish also pays for loading and compiling
  // the job code, and for reading the author's block lists into the cache.
  const warmUp = await publish();
  await waitForFanOut(warmUp.started, warmUp.publishedAfter, friends);
  const measured = await publish();
  return {
    ms: await waitForFanOut(measured.started, measured.publishedAfter, friends),
    entries: friends.length,
  };
}

/** Waits until the article's activity is in every one of `friends`' streams; returns the ms since `started`. */
async function waitForFanOut(
  started: number,
  publishedAfter: number,
  friends: string[],
): Promise<number> {
  const { streamIndex } = await import('../../lib/activity/cache');
  const { cacheRedis } = await import('../../lib/redis');
  const store = cacheRedis();
  // Watching costs Redis only (never MongoDB), and little of it: the new entry's id is read from
  // one friend's stream, then a sample of streams is watched before all of them are checked.
  const sample = friends.filter((_, index) => index % 250 === 249 || index === friends.length - 1);
  const arrived = async (ids: string[], member: string) =>
    (await store.all(ids.map((id) => store.cmd.zscore(streamIndex.key(id), member)))).every(
      (score) => score !== null,
    );
  let member: string | undefined;
  for (;;) {
    if (performance.now() - started > 60_000) throw new Error('fan-out did not finish within 60 s');
    member ??= (
      await store.one(
        store.cmd.zrevrangeByScore(streamIndex.key(friends[0] as string), '+inf', publishedAfter, {
          offset: 0,
          count: 1,
        }),
      )
    )[0]?.member;
    if (member && (await arrived(sample, member)) && (await arrived(friends, member))) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return Math.round(performance.now() - started);
}

/** Per-request cost of the request context and the Server-Timing header, measured in-process. */
async function instrumentationOverhead(): Promise<number> {
  const { countRequest, formatServerTiming, recordCacheRead } =
    await import('../../lib/observability/request-metrics');
  const { createRequestContext, runWithRequestContext } = await import('../../lib/request/context');
  const iterations = 200_000;
  const started = process.hrtime.bigint();
  for (let index = 0; index < iterations; index += 1) {
    const context = createRequestContext('bench', undefined, true);
    countRequest();
    runWithRequestContext(context, () => recordCacheRead('article', true));
    formatServerTiming(context, 'bench-1');
  }
  return Number(process.hrtime.bigint() - started) / iterations;
}

async function main(): Promise<void> {
  stopChildrenOnExit();
  const began = Date.now();
  const token = randomBytes(16).toString('hex');
  console.log(
    `Seeding and building (users ${scale.users}, about ${scale.friendsPerUser} friends each, a star with ${scale.starFriends}, ${scale.articles} articles)…`,
  );
  // The first instance runs with the V8 CPU profiler: its hottest functions go into the report.
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'inkwell-bench-profile-'));
  // FerretDB on PostgreSQL when a PostgreSQL server is at hand (as on every machine of this kind):
  // with 250,000 friendships its SQLite backend's scans, not the app, would be measured.
  const postgresUrl =
    process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const usePostgres =
    commandExists('psql') &&
    (await run('psql', [postgresUrl, '-q', '-c', 'select 1'], { stdio: 'ignore' })) === 0;
  console.log(`Database: FerretDB on ${usePostgres ? 'PostgreSQL' : 'SQLite'}.`);
  const stack = await startStack(
    'bench',
    { METRICS_TOKEN: token },
    ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
    usePostgres ? { postgresUrl } : {},
  );
  Object.assign(process.env, stack.env, { NODE_ENV: 'production' });
  const extraInstances: { stop(): Promise<void> }[] = [];
  try {
    const seedStarted = Date.now();
    const seeded = await seedBench(scale);
    console.log(
      `Seeded ${JSON.stringify(seeded.counts)} in ${Math.round((Date.now() - seedStarted) / 1000)} s.`,
    );
    const base = stack.app.url;
    const cookie = await signIn(base, seeded.reader.username);
    const staticAsset = likeForLikeAsset(
      (await (await fetch(`${base}${seeded.articlePath}`)).arrayBuffer()).byteLength,
    );
    console.log(`Static asset: ${staticAsset.path} (${staticAsset.bytes} bytes).`);
    const rows = [
      await measure('static asset', base, `${base}${staticAsset.path}`, token),
      await measure('article (anonymous)', base, `${base}${seeded.articlePath}`, token),
      await measure('article (signed in)', base, `${base}${seeded.articlePath}`, token, {
        Cookie: cookie,
      }),
      await measure('home stream (signed in)', base, `${base}/`, token, { Cookie: cookie }),
      await measure('profile (anonymous)', base, `${base}${seeded.profilePath}`, token),
    ];

    const ceiling = redisZaddCeiling(stack.env.REDIS_URL as string);
    const fanOut = await measureFanOut(
      base,
      seeded.star.username,
      seeded.star.id,
      seeded.star.friendIds,
    );
    const fanOutRate = Math.round(fanOut.entries / (fanOut.ms / 1000));
    console.log(
      `fan-out: ${fanOut.entries} streams in ${fanOut.ms} ms (${fanOutRate} entries/s); redis-benchmark ZADD -P 16: ${ceiling} ops/s`,
    );

    const second = await startAppServer({
      port: await freePort(),
      instanceName: 'bench-2',
      env: stack.env,
    });
    extraInstances.push(second);
    // The new instance warms up (JIT, connections) before it is measured, as the first one did
    // during the earlier scenarios; its pages come from the shared page cache.
    for (let warm = 0; warm < 300; warm += 1)
      await fetch(`${second.url}/`, { headers: { Cookie: cookie } }).then((response) =>
        response.arrayBuffer(),
      );
    const throughBalancer = async (label: string, upstreams: number[]): Promise<Row> => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'inkwell-bench-nginx-'));
      const balancer = await startBalancer({
        port: await freePort(),
        upstreamPorts: upstreams,
        dir,
      });
      try {
        return await measure(label, base, `${balancer.url}/`, token, { Cookie: cookie });
      } finally {
        await balancer.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    };
    const one = [stack.app.port];
    const two = [stack.app.port, second.port];
    const scaleRows: Row[] = [
      await throughBalancer('stream via nginx, 1 instance', one),
      await throughBalancer('stream via nginx, 2 instances', two),
    ];
    // The same with each instance held to a fixed share of a core, as on machines of their own:
    // uncapped, one instance already keeps both cores busy beside the load generator and stores.
    const caps = [stack.app, second].map((instance) =>
      capCpu(instance.process.pid ?? 0, `inkwell-${instance.instanceName}`, CAPPED_CORES),
    );
    const cappedRows: Row[] = [];
    try {
      if (caps.every((cap) => cap !== null)) {
        cappedRows.push(
          await throughBalancer(`stream via nginx, 1 instance of ${CAPPED_CORES} core`, one),
          await throughBalancer(`stream via nginx, 2 instances of ${CAPPED_CORES} core`, two),
        );
      } else {
        console.log(
          'CPU caps unavailable here (cgroups not writable): scale-out measured uncapped only.',
        );
      }
    } finally {
      for (const cap of caps) cap?.release();
    }
    const ratioOf = (rows: Row[]) =>
      rows.length === 2
        ? Number(((rows[1]?.rps ?? 0) / Math.max(1, rows[0]?.rps ?? 1)).toFixed(2))
        : null;
    const uncappedRatio = ratioOf(scaleRows) ?? 0;
    const cappedRatio = ratioOf(cappedRows);
    const scaleRatio = cappedRatio ?? uncappedRatio;
    const overheadNs = Math.round(await instrumentationOverhead());
    console.log(
      `scale-out ratio: ${cappedRatio ?? 'n/a'} capped, ${uncappedRatio} uncapped; instrumentation: ${overheadNs} ns per request`,
    );

    const byName = (name: string) => rows.find((row) => row.scenario === name) as Row;
    const staticRps = byName('static asset').rps;
    const anonymous = byName('article (anonymous)');
    const stream = byName('home stream (signed in)');
    const warmMongo = [
      'article (anonymous)',
      'article (signed in)',
      'home stream (signed in)',
      'profile (anonymous)',
    ].map((name) => byName(name));
    const targets: Target[] = [
      ...warmMongo.map((row) => ({
        name: `warm ${row.scenario}: 0 MongoDB commands per request`,
        goal: '0',
        value: String(row.mongoPerRequest),
        met: row.mongoPerRequest === 0,
        why:
          row.mongoPerRequest === 0
            ? 'every object on the page came from Redis'
            : 'some object was read from MongoDB on a warm page',
      })),
      {
        name: 'anonymous article at 50% or more of static-asset throughput',
        goal: '>= 0.50',
        value: (anonymous.rps / staticRps).toFixed(2),
        met: anonymous.rps / staticRps >= 0.5,
        why: 'the page cache serves it without rendering (one page read, one HMGET per stamp shard)',
      },
      {
        name: 'signed-in home stream at 20% or more of static-asset throughput',
        goal: '>= 0.20',
        value: (stream.rps / staticRps).toFixed(2),
        met: stream.rps / staticRps >= 0.2,
        why: 'a page-cache hit per person; see docs/performance.md',
      },
      {
        name: 'signed-in home stream p99 at most 100 ms at 32 connections',
        goal: '<= 100 ms',
        value: `${stream.p99} ms`,
        met: stream.p99 <= 100,
        why: 'each hit reads the session, the page and its dependency stamps (one HMGET per stamp shard): see docs/performance.md',
      },
      {
        name: 'fan-out of one article to 5,000 friends within 1 s',
        goal: '<= 1000 ms',
        value: `${fanOut.ms} ms (${fanOut.entries} streams)`,
        met: fanOut.ms <= 1000 && fanOut.entries >= 5_000,
        why: `five steps of 1,000 pipelined Lua ZADDs, each step a call to the serve() handler; Redis ceiling ${ceiling} ZADD/s in this run: see docs/performance.md`,
      },
      {
        name: 'two instances at 1.5x one instance or more (stream page, via nginx)',
        goal: '>= 1.50',
        value:
          cappedRatio === null
            ? `${uncappedRatio} (uncapped)`
            : `${cappedRatio} (each instance ${CAPPED_CORES} core; ${uncappedRatio} uncapped)`,
        met: scaleRatio >= 1.5,
        why:
          cappedRatio === null
            ? 'uncapped on 2 cores shared with the load generator, nginx and the stores, one instance already uses the whole machine: see docs/performance.md'
            : 'instances share nothing but Redis and MongoDB: see docs/performance.md',
      },
    ];
    const report = {
      date: new Date().toISOString(),
      machine: {
        cores: os.cpus().length,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
      },
      settings: {
        connections: CONNECTIONS,
        durationSeconds: DURATION,
        scale,
        staticAsset,
        database: usePostgres ? 'FerretDB on PostgreSQL' : 'FerretDB on SQLite',
      },
      seeded: seeded.counts,
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
      targets,
      totalSeconds: Math.round((Date.now() - began) / 1000),
    };
    mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(
      path.join(ROOT, 'bench', 'results', 'latest.json'),
      `${JSON.stringify(report, null, 2)}\n`,
    );
    writeFileSync(
      path.join(ROOT, 'bench', 'results', 'latest.md'),
      markdown(report.scenarios, targets, report),
    );
    console.log('\nTargets');
    for (const target of targets)
      console.log(
        `  ${target.met ? 'met    ' : 'MISSED '} ${target.name}: ${target.value} (goal ${target.goal})`,
      );
    console.log(`\nWrote bench/results/latest.json and latest.md in ${report.totalSeconds} s.`);
  } finally {
    for (const instance of extraInstances) await instance.stop();
    const { disconnectDb } = await import('../../lib/db/connection');
    await disconnectDb().catch(() => undefined);
    await stack.stop();
  }
  const hottest = summariseProfiles(profileDir);
  rmSync(profileDir, { recursive: true, force: true });
  if (hottest.length > 0) {
    const lines = [
      '',
      '## Hottest functions (CPU self time, instance 1, whole run)',
      '',
      '| share % | function |',
      '| --- | --- |',
    ];
    lines.push(
      ...hottest.map((entry) => `| ${entry.share} | \`${entry.frame.replace(/\|/g, '/')}\` |`),
    );
    appendFileSync(path.join(ROOT, 'bench', 'results', 'latest.md'), `${lines.join('\n')}\n`);
    console.log(lines.join('\n'));
  }
}

function markdown(
  rows: Row[],
  targets: Target[],
  report: {
    date: string;
    fanOut: Record<string, number>;
    scaleOut: Record<string, number | undefined>;
    instrumentationNsPerRequest: number;
    machine: Record<string, unknown>;
    seeded: Record<string, number>;
    settings: { staticAsset: { path: string; bytes: number }; database: string };
  },
): string {
  return [
    `# Benchmark, ${report.date}`,
    '',
    `Machine: ${JSON.stringify(report.machine)}; ${CONNECTIONS} connections, ${DURATION} s per scenario.`,
    '',
    `Data: ${JSON.stringify(report.seeded)} in ${report.settings.database}. Static asset: \`${report.settings.staticAsset.path}\` (${report.settings.staticAsset.bytes} bytes, about the size of the article page).`,
    '',
    '| scenario | req/s | p50 ms | p99 ms | errors | MongoDB/req | Redis/req | background MongoDB commands | database CPU % | event-loop delay p99 / max ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| ${row.scenario} | ${row.rps} | ${row.p50} | ${row.p99} | ${row.errors + row.non2xx} | ${row.mongoPerRequest} | ${row.redisPerRequest} | ${row.backgroundMongo} | ${row.databaseCpuPercent} | ${row.eventLoopP99Ms} / ${row.eventLoopMaxMs} |`,
    ),
    '',
    `Fan-out: ${report.fanOut.entries} streams in ${report.fanOut.ms} ms (${report.fanOut.entriesPerSecond} entries/s); redis-benchmark pipelined ZADD: ${report.fanOut.redisZaddPipelinedCeiling} ops/s.`,
    '',
    report.scaleOut.ratio === undefined
      ? 'Scale-out with capped instances: not measured (cgroups not writable here).'
      : `Scale-out (stream page via nginx, each instance capped at ${report.scaleOut.cappedCoresPerInstance} core): ${report.scaleOut.oneInstanceRps} req/s on one instance, ${report.scaleOut.twoInstancesRps} on two, ratio ${report.scaleOut.ratio}.`,
    '',
    `Scale-out uncapped (instances, load generator, nginx and stores share ${String(report.machine.cores)} cores): ${report.scaleOut.uncappedOneInstanceRps} req/s on one instance, ${report.scaleOut.uncappedTwoInstancesRps} on two, ratio ${report.scaleOut.uncappedRatio}.`,
    '',
    `Server-Timing instrumentation: ${report.instrumentationNsPerRequest} ns per request.`,
    '',
    '| target | goal | value | met |',
    '| --- | --- | --- | --- |',
    ...targets.map(
      (target) =>
        `| ${target.name} | ${target.goal} | ${target.value} | ${target.met ? 'yes' : `no: ${target.why}`} |`,
    ),
    '',
  ].join('\n');
}

main().then(
  // The benchmark's own store connections would keep the process alive.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
