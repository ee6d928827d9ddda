import os from 'node:os';
import { z } from 'zod';
import { globalSingleton } from '@/lib/util/global-singleton';
import { checkProductionSettings } from './production-settings';
import { parseTrustedProxies, type TrustedProxies } from './trusted-proxies';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((value) => value === '1' || value === 'true');

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce
      .number({ error: 'a TCP port number' })
      .int('a whole number')
      .min(1, 'a port from 1 to 65535')
      .max(65535, 'a port from 1 to 65535')
      .default(3000),
    APP_URL: optionalText.pipe(z.url({ error: 'an absolute http(s) URL' }).optional()),
    INSTANCE_NAME: optionalText.pipe(
      z
        .string()
        .regex(/^[\w.:-]{1,64}$/, 'letters, digits, dot, colon, dash or underscore (at most 64)')
        .optional(),
    ),
    /**
     * The proxies in front of the app that append to X-Forwarded-For (nginx, a cloud LB):
     * addresses and CIDR ranges, comma separated, or `loopback`. Unset: the socket's peer is the client.
     */
    TRUST_PROXY: optionalText.pipe(
      z
        .string()
        .refine((value) => !/^(1|true)$/i.test(value), {
          message:
            'the proxies to trust, by address or CIDR range (e.g. "10.0.0.0/8,loopback"), not a yes/no flag',
        })
        .refine(
          (value) => {
            try {
              parseTrustedProxies(value);
              return true;
            } catch {
              return false;
            }
          },
          { message: 'addresses or CIDR ranges, comma separated (e.g. "10.0.0.0/8,loopback")' },
        )
        .optional(),
    ),
    /** Operators who present it (X-Metrics-Token) see /api/metrics, health details and Server-Timing details. */
    METRICS_TOKEN: optionalText.pipe(
      z.string().min(32, 'a random token of at least 32 characters').optional(),
    ),
    /** A request whose headers and body have not all arrived by then is cut off with 408. */
    REQUEST_TIMEOUT_MS: z.coerce
      .number({ error: 'milliseconds' })
      .int('a whole number of milliseconds')
      .min(1_000, 'at least 1000 ms')
      .max(600_000, 'at most 600000 ms')
      .default(30_000),
    /**
     * Memory each instance gives to hot copies of anonymous cached pages (lib/page-cache), in MB;
     * 0 keeps none (every hit reads the page from Redis).
     */
    PAGE_CACHE_MEMORY_MB: z.coerce
      .number({ error: 'a number of megabytes' })
      .int('a whole number of megabytes')
      .min(0, 'from 0 (none) to 4096 MB')
      .max(4096, 'from 0 (none) to 4096 MB')
      .default(64),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),

    MONGODB_URI: z
      .string({ error: 'a MongoDB connection string (mongodb:// or mongodb+srv://)' })
      .regex(
        /^mongodb(\+srv)?:\/\/\S+$/,
        'a MongoDB connection string (mongodb:// or mongodb+srv://)',
      ),
    MONGODB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),

    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/\S+$/, 'a Redis URL (redis:// or rediss://)')
      .default('redis://127.0.0.1:6379'),
    /** A Redis Cluster instead of REDIS_URL: seed nodes as host:port, comma separated. */
    REDIS_CLUSTER_NODES: optionalText.pipe(
      z
        .string()
        .regex(
          /^[\w.-]+:\d{1,5}(,\s*[\w.-]+:\d{1,5})*$/,
          'seed nodes as host:port, comma separated (e.g. "10.0.0.1:7000,10.0.0.2:7000")',
        )
        .optional(),
    ),
    /**
     * A second Redis for cached data only (rebuilt from MongoDB, so it may evict: allkeys-lru);
     * unset: the cache shares the durable Redis above.
     */
    CACHE_REDIS_URL: optionalText.pipe(
      z
        .string()
        .regex(/^rediss?:\/\/\S+$/, 'a Redis URL (redis:// or rediss://)')
        .optional(),
    ),
    /** The cache Redis as a Redis Cluster instead: seed nodes as host:port, comma separated. */
    CACHE_REDIS_CLUSTER_NODES: optionalText.pipe(
      z
        .string()
        .regex(
          /^[\w.-]+:\d{1,5}(,\s*[\w.-]+:\d{1,5})*$/,
          'seed nodes as host:port, comma separated (e.g. "10.0.0.1:7000,10.0.0.2:7000")',
        )
        .optional(),
    ),
    UPSTASH_REDIS_REST_URL: optionalText.pipe(z.url({ error: 'an http(s) URL' }).optional()),
    UPSTASH_REDIS_REST_TOKEN: optionalText,
    REDIS_KEY_PREFIX: z
      .string()
      .regex(/^[\w:.{}-]{1,64}$/, 'letters, digits and : . - _ { } (at most 64)')
      .default('inkwell:'),

    /**
     * The search engine (SphinxQL over the MySQL protocol: Manticore Search in production, the
     * embedded Sphinx in the demo and tests). Unset: search answers "unavailable", nothing else
     * changes.
     */
    SEARCH_URL: optionalText.pipe(
      z
        .string()
        .regex(/^mysql:\/\/[\w.-]+:\d{1,5}\/?$/, 'mysql://HOST:PORT (the SphinxQL listener)')
        .optional(),
    ),

    INNGEST_EVENT_KEY: optionalText,
    INNGEST_SIGNING_KEY: optionalText,
    INNGEST_BASE_URL: optionalText.pipe(z.url({ error: 'an http(s) URL' }).optional()),
    INNGEST_DEV: optionalText,
    JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),

    AUTH_SECRET: z
      .string({ error: 'a random secret of at least 32 characters (openssl rand -base64 33)' })
      .min(32, 'a random secret of at least 32 characters (openssl rand -base64 33)'),
    AUTH_GITHUB_ID: optionalText,
    AUTH_GITHUB_SECRET: optionalText,
    AUTH_GOOGLE_ID: optionalText,
    AUTH_GOOGLE_SECRET: optionalText,

    /** Outgoing e-mail (sign-up confirmations). Without it, mail is kept in the mailbox below. */
    SMTP_URL: optionalText.pipe(
      z
        .string()
        .regex(
          /^smtps?:\/\/\S+$/,
          'an SMTP URL (smtp:// or smtps://, with user:password@ if needed)',
        )
        .optional(),
    ),
    MAIL_FROM: z
      .string()
      .trim()
      .min(3, 'a sender such as "Inkwell <no-reply@example.com>"')
      .default('Inkwell <no-reply@inkwell.localhost>'),
    /** Enables GET /api/mailbox (mail kept while no SMTP_URL is set) for this bearer token. */
    MAILBOX_TOKEN: optionalText.pipe(
      z.string().min(32, 'a random token of at least 32 characters').optional(),
    ),

    DEBUG_PANEL: flag,
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.UPSTASH_REDIS_REST_URL) !== Boolean(env.UPSTASH_REDIS_REST_TOKEN)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.UPSTASH_REDIS_REST_URL ? 'UPSTASH_REDIS_REST_TOKEN' : 'UPSTASH_REDIS_REST_URL'],
        message: 'set together with its pair (UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN)',
      });
    }
    if (env.CACHE_REDIS_URL && env.CACHE_REDIS_CLUSTER_NODES) {
      ctx.addIssue({
        code: 'custom',
        path: ['CACHE_REDIS_CLUSTER_NODES'],
        message: 'one cache Redis: CACHE_REDIS_URL or CACHE_REDIS_CLUSTER_NODES, not both',
      });
    }
    checkProductionSettings(env, ctx);
  });

type ParsedEnv = z.infer<typeof envSchema>;

export type JobsMode = 'in-process' | 'inngest-dev' | 'inngest-cloud';

/** How lib/redis reaches Redis: one server, a Redis Cluster, or Upstash's REST API. */
export type RedisDriverName = 'tcp' | 'cluster' | 'upstash';

export interface Env extends ParsedEnv {
  instanceName: string;
  appUrl: string;
  jobsMode: JobsMode;
  redisDriver: RedisDriverName;
  /** REDIS_CLUSTER_NODES as a list, when set. */
  redisClusterNodes: string[] | null;
  /** CACHE_REDIS_CLUSTER_NODES as a list, when set. */
  cacheRedisClusterNodes: string[] | null;
  trustedProxies: TrustedProxies | null;
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Parses an environment; exported for tests, the app uses `env()`. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => {
        const name = issue.path.join('.') || '(environment)';
        // Secrets are never echoed; other values help find a typo.
        const shown = /SECRET|TOKEN|KEY|URI|REDIS_URL/.test(name)
          ? ''
          : describeValue(source[name]);
        return `${name}: expected ${issue.message}${shown}`;
      }),
    );
  }
  const parsed = result.data;
  const jobsMode = resolveJobsMode(source);
  return {
    ...parsed,
    instanceName: parsed.INSTANCE_NAME ?? `${os.hostname()}-${parsed.PORT}`,
    appUrl: parsed.APP_URL ?? `http://localhost:${parsed.PORT}`,
    jobsMode,
    redisDriver: parsed.UPSTASH_REDIS_REST_URL
      ? 'upstash'
      : parsed.REDIS_CLUSTER_NODES
        ? 'cluster'
        : 'tcp',
    redisClusterNodes: parsed.REDIS_CLUSTER_NODES
      ? parsed.REDIS_CLUSTER_NODES.split(',').map((node) => node.trim())
      : null,
    cacheRedisClusterNodes: parsed.CACHE_REDIS_CLUSTER_NODES
      ? parsed.CACHE_REDIS_CLUSTER_NODES.split(',').map((node) => node.trim())
      : null,
    trustedProxies: parsed.TRUST_PROXY ? parseTrustedProxies(parsed.TRUST_PROXY) : null,
  };
}

/**
 * Where job events go: Inngest Cloud (or self-hosted) with an event key, an Inngest dev server
 * with INNGEST_DEV, else this process's own executor. Readable without the rest of the
 * environment, since the Inngest client is created when job modules load (also at build time).
 */
export function resolveJobsMode(source: Record<string, string | undefined>): JobsMode {
  if (source.INNGEST_EVENT_KEY?.trim()) return 'inngest-cloud';
  if (source.INNGEST_DEV?.trim()) return 'inngest-dev';
  return 'in-process';
}

function describeValue(value: string | undefined): string {
  if (value === undefined) return ' (not set)';
  return ` (got ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
}

const state = globalSingleton('env', () => ({ current: undefined as Env | undefined }));

/** The validated environment, parsed once per process; throws EnvError naming each bad variable. */
export function env(): Env {
  state.current ??= parseEnv(process.env);
  return state.current;
}

/** Tests that change process.env call this to parse it again. */
export function resetEnvForTests(): void {
  state.current = undefined;
}
