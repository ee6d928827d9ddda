/**
 * `npm run demo` (and `npm run dev` with --dev): the app with its embedded services.
 * MongoDB: MONGODB_URI if set, else FerretDB with its data in .data/ferretdb (kept between runs).
 * Redis: REDIS_CLUSTER_NODES (a Redis Cluster, used alone) if set, else REDIS_URL (default
 * 127.0.0.1:6379), else a local redis-server on a port of its own.
 * Search: SEARCH_URL if set, else Sphinx's searchd with its indexes in .data/search.
 * Ctrl-C stops everything this script started.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startAppServer } from './lib/app-server';
import { startFerretDb } from './lib/ferretdb';
import { run, startProcess, stopChildrenOnExit } from './lib/processes';
import { ensureRedis } from './lib/redis-server';
import { startSearchEngine } from './lib/search-engine';
import { randomSigningKey } from './lib/signing-key';

const ROOT = path.resolve(__dirname, '..');
const DATA = path.join(ROOT, '.data');
const dev = process.argv.includes('--dev');

/** One secret per checkout, made on first run and kept in the git-ignored .data folder. */
function keptSecret(variable: string, fileName: string, make: () => string): string {
  const given = process.env[variable];
  if (given) return given;
  const file = path.join(DATA, fileName);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(DATA, { recursive: true });
  const secret = make();
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

function authSecret(): string {
  return keptSecret('AUTH_SECRET', 'auth-secret', () => randomBytes(33).toString('base64'));
}

/** Signs the in-process executor's calls to /api/inngest (required in production). */
function signingKey(): string {
  return keptSecret('INNGEST_SIGNING_KEY', 'inngest-signing-key', randomSigningKey);
}

async function main(): Promise<void> {
  stopChildrenOnExit();
  const port = Number(process.env.PORT ?? 3000);
  let mongoUri = process.env.MONGODB_URI;
  if (!mongoUri) {
    const ferret = await startFerretDb({ dataDir: path.join(DATA, 'ferretdb') });
    mongoUri = ferret.uri('inkwell');
    console.log(`FerretDB (SQLite backend) on 127.0.0.1:${ferret.port}, data in .data/ferretdb`);
  }
  // On a Redis Cluster the app needs no other Redis.
  const redisUrl = process.env.REDIS_CLUSTER_NODES
    ? process.env.REDIS_URL
    : (
        await ensureRedis(
          process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
          path.join(DATA, 'redis'),
        )
      ).url;
  if (process.env.REDIS_CLUSTER_NODES)
    console.log(`Redis Cluster at ${process.env.REDIS_CLUSTER_NODES}`);
  let searchUrl = process.env.SEARCH_URL;
  if (!searchUrl) {
    searchUrl = (await startSearchEngine({ dir: path.join(DATA, 'search') })).url;
    console.log(`Search engine (Sphinx, SphinxQL) at ${searchUrl}, indexes in .data/search`);
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SEARCH_URL: searchUrl,
    MONGODB_URI: mongoUri,
    REDIS_URL: redisUrl,
    AUTH_SECRET: authSecret(),
    INNGEST_SIGNING_KEY: signingKey(),
    APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: '1',
  };

  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  if (!dev && (await run('npm', ['run', 'build', '--silent'], { cwd: ROOT, env })) !== 0) {
    throw new Error('the build failed');
  }
  // The deploy's migration step (every index), before any data is written.
  if ((await run(tsx, ['scripts/migrate.ts'], { cwd: ROOT, env })) !== 0) {
    throw new Error('the migration failed');
  }
  // The react-server condition lets the domain modules marked `import 'server-only'` load here.
  if (
    (await run(tsx, ['--conditions=react-server', 'scripts/seed.ts'], { cwd: ROOT, env })) !== 0
  ) {
    throw new Error('seeding failed');
  }

  if (dev) {
    startProcess(tsx, ['scripts/serve.ts', '--dev'], {
      cwd: ROOT,
      env: { ...env, PORT: String(port), INSTANCE_NAME: process.env.INSTANCE_NAME ?? 'dev-1' },
    });
    console.log(`\nInkwell (development) on http://localhost:${port} — Ctrl-C to stop.`);
    return;
  }
  await startAppServer({
    port,
    instanceName: process.env.INSTANCE_NAME ?? 'demo-1',
    env,
    quiet: false,
  });
  console.log(
    `\nInkwell is running on http://localhost:${port} (health: /api/health). Ctrl-C stops it.`,
  );
  if (!env.SMTP_URL)
    console.log(
      'No SMTP_URL is set: e-mails (sign-up confirmation links) appear in this log as "mail kept in the mailbox".',
    );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
