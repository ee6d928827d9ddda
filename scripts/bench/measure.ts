import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { BENCH_PASSWORD } from './seed';
import { CONNECTIONS, DURATION, ROOT } from './settings';

interface Totals {
  requests: number;
  mongo: { commands: number };
  // Commands sent while serving requests (background jobs are not billed to requests).
  inRequests: { mongo: { commands: number }; redis: { commands: number } };
  /** Since the previous read that reset it (`?reset=event-loop`). */
  eventLoopDelay?: { p99Ms: number; maxMs: number };
}

export interface Row {
  scenario: string;
  /** Requests per second; a view of the page asks `requestsPerView` of them. */
  rps: number;
  requestsPerView?: number;
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
  /** Bytes read per response, headers included (autocannon's throughput over its requests). */
  bytesPerResponse: number;
  /**
   * CPU the serving process used per response, in µs (0 where not measured): unlike req/s, it
   * hardly moves when other work shares the machine.
   */
  cpuMicrosPerResponse: number;
}

/**
 * The server's ceiling is measured on a static file of about the size of the article page, so
 * that both move the same bytes and only the work of making the page differs.
 */
export function likeForLikeAsset(pageBytes: number): { path: string; bytes: number } {
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

async function totals(base: string, token: string): Promise<Totals> {
  // Each read restarts the event-loop delay histogram: the next read covers one scenario.
  const response = await fetch(`${base}/api/metrics?reset=event-loop`, {
    headers: { 'x-metrics-token': token },
  });
  return (await response.json()) as Totals;
}

/** Each connection asks for `url`, then each of `alsoAsk` (paths), and again, as one view would. */
async function load(url: string, headers: Record<string, string>, alsoAsk: string[]) {
  const requests =
    alsoAsk.length > 0
      ? [new URL(url).pathname, ...alsoAsk].map((pathname) => ({
          method: 'GET' as const,
          path: pathname,
        }))
      : undefined;
  return autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers, requests });
}

export async function measure(
  scenario: string,
  base: string,
  url: string,
  token: string,
  headers: Record<string, string> = {},
  /** The process serving `url`, to report its CPU per response. */
  serverPid?: number,
  /** Paths the page's view asks for besides `url` (the reader's state): measured together. */
  alsoAsk: string[] = [],
): Promise<Row> {
  for (const target of [url, ...alsoAsk.map((pathname) => new URL(pathname, url).href)])
    for (let warm = 0; warm < 20; warm += 1)
      await fetch(target, { headers, redirect: 'manual' }).then((response) =>
        response.arrayBuffer(),
      );
  const before = await totals(base, token);
  const database = databasePid();
  const databaseCpuBefore = cpuSeconds(database);
  const serverCpuBefore = cpuSeconds(serverPid);
  const loadStarted = performance.now();
  const result = await load(url, headers, alsoAsk);
  const databaseCpu = cpuSeconds(database) - databaseCpuBefore;
  const serverCpu = cpuSeconds(serverPid) - serverCpuBefore;
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const after = await totals(base, token);
  const requests = Math.max(1, after.requests - before.requests - 1);
  const row: Row = {
    scenario,
    rps: Math.round(result.requests.average),
    requestsPerView: 1 + alsoAsk.length,
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
    bytesPerResponse: Math.round(result.throughput.total / Math.max(1, result.requests.total)),
    cpuMicrosPerResponse: Math.round((serverCpu / Math.max(1, result.requests.total)) * 1e6),
  };
  console.log(
    `${scenario.padEnd(28)} ${String(row.rps).padStart(6)} req/s  ${row.bytesPerResponse} B/response  ${row.cpuMicrosPerResponse} µs CPU/response  p50 ${row.p50} ms  p99 ${row.p99} ms  errors ${row.errors + row.non2xx}  mongo/req ${row.mongoPerRequest}  redis/req ${row.redisPerRequest}  background mongo ${row.backgroundMongo}  db cpu ${row.databaseCpuPercent}%  event loop p99 ${row.eventLoopP99Ms} ms max ${row.eventLoopMaxMs} ms`,
  );
  return row;
}

export async function signIn(base: string, username: string): Promise<string> {
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

/** Per-request cost of the request context and the Server-Timing header, measured in-process. */
export async function instrumentationOverhead(): Promise<number> {
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
