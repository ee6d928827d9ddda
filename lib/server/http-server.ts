import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import next from 'next';
import { env, EnvError } from '@/lib/config/env';
import { connectDb, databaseUp, disconnectDb, watchDatabase } from '@/lib/db/connection';
import { logger } from '@/lib/log/logger';
import { capturePage, serveCachedPage } from '@/lib/page-cache/page-cache';
import { cacheablePage } from '@/lib/page-cache/routes';
import { sessionCookie } from '@/lib/sessions/cookie';
import {
  createRequestMetrics,
  formatServerTiming,
  runWithRequestMetrics,
  type ClientInfo,
  type RequestMetrics,
} from '@/lib/observability/request-metrics';

const REQUEST_ID = /^[\w-]{8,64}$/;

/**
 * Adds what every response carries (instance, request id, Server-Timing) and scopes the
 * request's store counters. Server-Timing is computed when the headers go out, so it covers
 * all the work done before the first byte.
 */
export function instrumentResponse(
  request: IncomingMessage,
  response: ServerResponse,
  instanceName: string,
  trustProxy = false,
): RequestMetrics {
  const incoming = request.headers['x-request-id'];
  const requestId =
    typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  const metrics = createRequestMetrics(requestId, clientOf(request, trustProxy));
  response.setHeader('X-Inkwell-Instance', instanceName);
  response.setHeader('X-Request-Id', requestId);
  const writeHead = response.writeHead;
  response.writeHead = function writeHeadWithTiming(this: ServerResponse, ...args: unknown[]) {
    if (!this.headersSent)
      this.setHeader('Server-Timing', formatServerTiming(metrics, instanceName));
    // A failure while the database is away is an outage, not a bug: say so, and when to retry.
    const status = typeof args[0] === 'number' ? args[0] : this.statusCode;
    if (status === 500 && !databaseUp()) {
      args[0] = 503;
      this.statusCode = 503;
      if (!this.headersSent) this.setHeader('Retry-After', '5');
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse['writeHead'];
  return metrics;
}

/** The client's address: the proxy's X-Forwarded-For only when TRUST_PROXY says a proxy sets it. */
function clientOf(request: IncomingMessage, trustProxy: boolean): ClientInfo {
  const forwarded = request.headers['x-forwarded-for'];
  const fromProxy =
    trustProxy && typeof forwarded === 'string' ? forwarded.split(',')[0]?.trim() : undefined;
  const userAgent = request.headers['user-agent'];
  return {
    ip: (fromProxy || request.socket.remoteAddress || 'unknown').replace(/^::ffff:/, ''),
    userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 512) : '',
  };
}

export interface StartedServer {
  close(): Promise<void>;
  port: number;
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
  let config;
  try {
    config = env();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const log = logger();
  const app = next({ dev, dir, hostname: '0.0.0.0', port: config.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();
  // Whole pages are cached per build, in production only (development pages change on every edit);
  // not with the debug panel, which shows each request's own cost.
  const buildId =
    dev || config.DEBUG_PANEL ? null : readFileSync(`${dir}/.next/BUILD_ID`, 'utf8').trim();
  const sessionCookieName = sessionCookie().name;
  // Connect early so the first request does not pay for it; a database that is down must not
  // keep the instance from serving what the cache holds.
  watchDatabase();
  connectDb().catch((error: unknown) =>
    log.error(
      { err: error instanceof Error ? error.message : String(error) },
      'database not reachable yet',
    ),
  );

  const server = createServer((request, response) => {
    const metrics = instrumentResponse(request, response, config.instanceName, config.TRUST_PROXY);
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    response.on('finish', () => {
      if (path.startsWith('/_next/static/')) return;
      log.info(
        {
          requestId: metrics.requestId,
          method: request.method,
          path,
          status: response.statusCode,
          ms: Math.round(performance.now() - metrics.startedAt),
          mongo: metrics.mongo.commands,
          redis: metrics.redis.commands,
        },
        'request',
      );
    });
    runWithRequestMetrics(metrics, async () => {
      const page = buildId ? cacheablePage(request, sessionCookieName) : null;
      if (page && buildId) {
        const outcome = await serveCachedPage(request, response, page, buildId);
        if (outcome.served) return;
        if (outcome.key) capturePage(request, response, metrics, outcome.key);
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
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve) => server.listen(config.PORT, '0.0.0.0', resolve));
  log.info(
    { port: config.PORT, dev, jobs: config.jobsMode, redis: config.redisDriver },
    'inkwell ready',
  );

  return {
    port: config.PORT,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await app.close();
      await disconnectDb();
    },
  };
}
