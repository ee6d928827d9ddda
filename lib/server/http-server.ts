import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import next from 'next';
import { env, EnvError } from '@/lib/config/env';
import { connectDb, databaseUp, disconnectDb, watchDatabase } from '@/lib/db/connection';
import { startDraining } from '@/lib/health/get-health';
import { logger } from '@/lib/log/logger';
import { capturePage } from '@/lib/page-cache/capture-page';
import { serveCachedPage } from '@/lib/page-cache/page-cache';
import { sendViews } from '@/lib/page-cache/view-counts';
import { cacheablePage } from '@/lib/page-cache/routes';
import type { TrustedProxies } from '@/lib/config/trusted-proxies';
import { clientAddress } from '@/lib/request/client-address';
import { isOperator, OPERATOR_HEADER } from '@/lib/http/operator';
import { sessionCookie } from '@/lib/sessions/cookie';
import { countRequest, formatServerTiming } from '@/lib/observability/request-metrics';
import {
  createRequestContext,
  runWithRequestContext,
  type RequestContext,
} from '@/lib/request/context';
import { ALLOWED_METHODS, refuseBadRequest } from './refuse-bad-request';
import { answerBeforeNext } from './before-next';

const REQUEST_ID = /^[\w-]{8,64}$/;

/** What the instance knows about a request before Next sees it. */
export interface InstrumentOptions {
  instanceName: string;
  trustedProxies?: TrustedProxies | null;
  /** Every response may carry Server-Timing details (development, DEBUG_PANEL). */
  timingDetailForAll?: boolean;
}

/**
 * Adds what every response carries (request id, Server-Timing; the instance for operators) and scopes the
 * request's store counters. Server-Timing is computed when the headers go out, so it covers
 * all the work done before the first byte.
 */
export function instrumentResponse(
  request: IncomingMessage,
  response: ServerResponse,
  { instanceName, trustedProxies = null, timingDetailForAll = false }: InstrumentOptions,
): RequestContext {
  const incoming = request.headers['x-request-id'];
  const requestId =
    typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  const userAgent = request.headers['user-agent'];
  const context = createRequestContext(
    requestId,
    {
      ip: clientAddress(
        request.socket.remoteAddress,
        request.headers['x-forwarded-for'],
        trustedProxies,
      ),
      userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 512) : '',
    },
    timingDetailForAll || isOperator(request.headers[OPERATOR_HEADER]),
  );
  response.setHeader('X-Request-Id', requestId);
  const writeHead = response.writeHead;
  response.writeHead = function writeHeadWithTiming(this: ServerResponse, ...args: unknown[]) {
    if (!this.headersSent) {
      this.setHeader('Server-Timing', formatServerTiming(context, instanceName));
      // Which instance answered is for operators (and the cost panel's owner), like the timings.
      if (context.timingDetail) this.setHeader('X-Inkwell-Instance', instanceName);
    }
    // A failure while the database is away is an outage, not a bug: say so, and when to retry.
    const status = typeof args[0] === 'number' ? args[0] : this.statusCode;
    if (status === 500 && !databaseUp()) {
      args[0] = 503;
      this.statusCode = 503;
      if (!this.headersSent) this.setHeader('Retry-After', '5');
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse['writeHead'];
  return context;
}

export interface StartedServer {
  close(): Promise<void>;
  port: number;
}

type Config = ReturnType<typeof env>;
type Log = ReturnType<typeof logger>;

/** The validated configuration; a bad value stops the process with what it expects. */
function configOrExit(): Config {
  try {
    return env();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** One line per request once it is answered (static files excepted). */
function logWhenFinished(
  log: Log,
  request: IncomingMessage,
  response: ServerResponse,
  context: RequestContext,
  path: string,
): void {
  response.on('finish', () => {
    if (path.startsWith('/_next/static/')) return;
    log.info(
      {
        requestId: context.requestId,
        method: request.method,
        path,
        status: response.statusCode,
        ms: Math.round(performance.now() - context.startedAt),
        mongo: context.mongo.commands,
        redis: context.redis.commands,
      },
      'request',
    );
  });
}

interface RequestHandlerOptions {
  dev: boolean;
  config: Config;
  log: Log;
  handle: ReturnType<ReturnType<typeof next>['getRequestHandler']>;
  /** The build whose pages the page cache holds; null: no page cache. */
  buildId: string | null;
}

/**
 * Every request: instrumented, refused early when no route should read it, served from the page
 * cache when it can be, else by Next (whose page may then be captured for the cache).
 */
function requestHandler({ dev, config, log, handle, buildId }: RequestHandlerOptions) {
  const sessionCookieName = sessionCookie().name;
  return (request: IncomingMessage, response: ServerResponse): void => {
    const context = instrumentResponse(request, response, {
      instanceName: config.instanceName,
      trustedProxies: config.trustedProxies,
      timingDetailForAll: dev || config.DEBUG_PANEL,
    });
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (refuseBadRequest(request, response, path, config.jobsMode !== 'in-process')) return;
    logWhenFinished(log, request, response, context, path);
    countRequest();
    runWithRequestContext(context, async () => {
      const answered = answerBeforeNext(path, request, response, log);
      if (answered) return answered;
      const page = buildId ? cacheablePage(request, sessionCookieName) : null;
      if (page && buildId) {
        const outcome = await serveCachedPage(request, response, page, buildId);
        if (outcome.served) return;
        if (outcome.slot) capturePage(request, response, context, outcome.slot);
      }
      await handle(request, response).catch((error: unknown) => {
        log.error(
          { err: error instanceof Error ? error.stack : String(error) },
          'unhandled request error',
        );
        if (!response.headersSent) {
          response.statusCode = 500;
          response.end('Internal Server Error');
        }
      });
    });
  };
}

/** What the server refuses outright, and how long a slow client may take. */
function guardServer(server: Server, config: Config): void {
  // CONNECT (a tunnel) never reaches the request handler: refuse it the same way.
  server.on('connect', (_request, socket: Duplex) => {
    socket.end(
      `HTTP/1.1 405 Method Not Allowed\r\nAllow: ${ALLOWED_METHODS.join(', ')}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
    );
  });
  server.keepAliveTimeout = 65_000;
  // A request (headers and body) that takes longer is cut off with 408: slow bodies hold no memory
  // or socket for long.
  server.requestTimeout = config.REQUEST_TIMEOUT_MS;
  server.headersTimeout = Math.min(config.REQUEST_TIMEOUT_MS, 10_000);
}

/** Connects early so the first request does not pay for it. */
function connectDatabaseInBackground(log: Log): void {
  // A database that is down must not keep the instance from serving what the cache holds.
  watchDatabase();
  connectDb().catch((error: unknown) =>
    log.error(
      { err: error instanceof Error ? error.message : String(error) },
      'database not reachable yet',
    ),
  );
}

function logReady(log: Log, config: Config, dev: boolean): void {
  log.info(
    {
      port: config.PORT,
      dev,
      jobs: config.jobsMode,
      redis: config.redisDriver,
      // Where cached data lives: its own Redis, or the durable one ('shared').
      cacheRedis: config.cacheRedisClusterNodes
        ? 'cluster'
        : config.CACHE_REDIS_URL
          ? 'tcp'
          : 'shared',
    },
    'inkwell ready',
  );
}

/**
 * `dir` is the app folder (with .next); the process may run from any other working directory,
 * which the app never writes to.
 */
export async function startServer({
  dev,
  dir,
}: {
  dev: boolean;
  dir: string;
}): Promise<StartedServer> {
  const config = configOrExit();
  const log = logger();
  const app = next({ dev, dir, hostname: '0.0.0.0', port: config.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();
  // Whole pages are cached per build, in production only (development pages change on every edit);
  // not with the debug panel, which shows each request's own cost.
  const buildId =
    dev || config.DEBUG_PANEL ? null : readFileSync(`${dir}/.next/BUILD_ID`, 'utf8').trim();
  connectDatabaseInBackground(log);

  // Timeouts are checked this often (Node's default, 30 s, would let a slow body linger that long).
  const server = createServer(
    { connectionsCheckingInterval: 1_000 },
    requestHandler({ dev, config, log, handle, buildId }),
  );
  guardServer(server, config);
  await new Promise<void>((resolve) => server.listen(config.PORT, '0.0.0.0', resolve));
  logReady(log, config, dev);

  return {
    port: config.PORT,
    async close() {
      startDraining();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      // Views of page-cache hits still gathered in memory.
      await sendViews();
      await app.close();
      await disconnectDb();
    },
  };
}
