/**
 * `npm test`: typecheck, lint (ESLint, the dependency rules), format, unit and integration tests
 * (vitest, real FerretDB and Redis), the production build, and the browser tests (Playwright).
 * Every store it needs is started here, isolated for this run, and stopped at the end. The last
 * line is the summary.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { RedisStore } from '../lib/redis/store';
import { createTcpDriver } from '../lib/redis/tcp-driver';
import { ensureChromium } from './lib/chromium';
import { mailboxToken } from './lib/mailbox';
import { operatorToken } from './lib/operator-token';
import { startFerretDb } from './lib/ferretdb';
import { run, stopChildrenOnExit } from './lib/processes';
import { ensureRedis } from './lib/redis-server';
import { startSearchEngine } from './lib/search-engine';
import { runSigningKey } from './lib/signing-key';

const ROOT = path.resolve(__dirname, '..');
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

interface Tally {
  passed: number;
  failed: number;
  lines: string[];
}

const tally: Tally = { passed: 0, failed: 0, lines: [] };

function record(suite: string, passed: number, failed: number): void {
  tally.passed += passed;
  tally.failed += failed;
  tally.lines.push(`${suite.padEnd(22)} ${passed} passed, ${failed} failed`);
}

async function check(
  name: string,
  command: string,
  args: string[],
  env?: NodeJS.ProcessEnv,
): Promise<boolean> {
  console.log(`\n▶ ${name}`);
  const code = await run(command, args, { cwd: ROOT, env: env ?? process.env });
  record(name, code === 0 ? 1 : 0, code === 0 ? 0 : 1);
  return code === 0;
}

function readJson<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** The shared Redis keeps nothing from this run. */
async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const store = new RedisStore(createTcpDriver({ url }), prefix);
  try {
    await store.deleteAllWithPrefix();
  } catch (error) {
    console.warn(`could not clean Redis keys under ${prefix}:`, error);
  } finally {
    await store.driver.close();
  }
}

/** What needs no service: types, lint, dependency rules, format, manifests. */
async function staticChecks(): Promise<void> {
  await check('typecheck', bin('tsc'), ['--noEmit']);
  await check('lint', bin('eslint'), ['.', '--max-warnings', '0']);
  await check('dependency rules', 'npm', ['run', '--silent', 'lint:deps']);
  await check('format', bin('prettier'), ['--check', '.', '--log-level', 'warn']);
  await check('kubernetes manifests', bin('tsx'), ['scripts/check-k8s.ts']);
}

async function main(): Promise<number> {
  stopChildrenOnExit();
  const runId = randomBytes(4).toString('hex');
  const scratch = path.join(ROOT, '.tmp', `test-${runId}`);
  const reports = {
    vitest: path.join(ROOT, '.tmp', 'vitest-report.json'),
    e2e: path.join(ROOT, '.tmp', 'playwright-report.json'),
  };
  for (const report of Object.values(reports)) rmSync(report, { force: true });

  await staticChecks();

  console.log('\n▶ services');
  const ferret = await startFerretDb({ dataDir: path.join(scratch, 'ferretdb') });
  const redis = await ensureRedis(
    process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    path.join(scratch, 'redis'),
  );
  const search = await startSearchEngine({ dir: path.join(scratch, 'search') });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SEARCH_URL: search.url,
    TEST_RUN_ID: runId,
    MONGODB_URI: ferret.uri(`inkwell_test_${runId}`),
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: `test:${runId}:`,
    AUTH_SECRET: randomBytes(33).toString('base64'),
    INNGEST_SIGNING_KEY: runSigningKey(),
    MAILBOX_TOKEN: mailboxToken(),
    METRICS_TOKEN: operatorToken(),
    NEXT_TELEMETRY_DISABLED: '1',
  };
  console.log(
    `FerretDB :${ferret.port}, Redis ${redis.url} (${env.REDIS_KEY_PREFIX}), ${search.url}`,
  );

  try {
    console.log('\n▶ unit and integration tests (vitest)');
    const vitestCode = await run(
      bin('vitest'),
      ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${reports.vitest}`],
      { cwd: ROOT, env },
    );
    const vitest = readJson<{ numPassedTests: number; numFailedTests: number }>(reports.vitest);
    if (vitest)
      record(
        'vitest',
        vitest.numPassedTests,
        vitest.numFailedTests + (vitestCode !== 0 && vitest.numFailedTests === 0 ? 1 : 0),
      );
    else record('vitest (no report)', 0, 1);

    const built = await check('build', 'npm', ['run', 'build', '--silent'], env);
    if (built) {
      await ensureChromium();
      console.log('\n▶ browser tests (Playwright)');
      const e2eCode = await run(bin('playwright'), ['test'], { cwd: ROOT, env });
      const e2e = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(
        reports.e2e,
      );
      if (e2e) {
        const failed = e2e.stats.unexpected + (e2eCode !== 0 && e2e.stats.unexpected === 0 ? 1 : 0);
        record('playwright', e2e.stats.expected + e2e.stats.flaky, failed);
      } else record('playwright (no report)', 0, 1);
    } else {
      record('playwright (not run: build failed)', 0, 1);
    }
  } finally {
    await deleteRedisKeys(redis.url, env.REDIS_KEY_PREFIX as string);
    // A cache Redis of its own (CACHE_REDIS_URL in the caller's environment) holds keys too.
    if (env.CACHE_REDIS_URL)
      await deleteRedisKeys(env.CACHE_REDIS_URL, env.REDIS_KEY_PREFIX as string);
    await ferret.stop();
    await redis.stop();
    await search.stop();
    rmSync(scratch, { recursive: true, force: true });
  }

  console.log('\nSummary');
  for (const line of tally.lines) console.log(`  ${line}`);
  console.log(`${tally.passed} passed, ${tally.failed} failed`);
  return tally.failed === 0 ? 0 : 1;
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(error);
    console.log(`${tally.passed} passed, ${tally.failed + 1} failed`);
    process.exit(1);
  });
