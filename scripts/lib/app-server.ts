import path from 'node:path';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import type { ChildProcess } from 'node:child_process';
import { run, startProcess, stopProcess } from './processes';
import { runSigningKey } from './signing-key';

const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER_ENTRY = path.join(ROOT, '.build', 'server.js');
export const MIGRATE_ENTRY = path.join(ROOT, '.build', 'migrate.js');

// One migration at a time per database from this process (clones start two instances at once).
const migrations = new Map<string, Promise<void>>();

/**
 * Runs the deploy's migration step (`npm run migrate`: every index) against the database in
 * `env`, as a deploy does before it starts instances: production instances build none.
 */
export function migrateDatabase(env: Record<string, string | undefined>): Promise<void> {
  const uri = env.MONGODB_URI ?? process.env.MONGODB_URI ?? '';
  const previous = migrations.get(uri) ?? Promise.resolve();
  const next = previous.then(async () => {
    const code = await run(process.execPath, [MIGRATE_ENTRY], {
      env: {
        ...process.env,
        INNGEST_SIGNING_KEY: runSigningKey(),
        // Production configuration needs a public origin; the migration itself never uses it.
        APP_URL: 'http://127.0.0.1',
        ...env,
        NODE_ENV: 'production',
        INSTANCE_NAME: 'migrate',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (code !== 0) throw new Error(`migration of ${uri} failed with code ${code}`);
  });
  migrations.set(uri, next);
  return next;
}

export interface RunningApp {
  url: string;
  port: number;
  instanceName: string;
  /** The instance's working directory: a fresh empty folder the app must never write to. */
  cwd: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts one production instance of the app and waits until /api/health answers. */
export async function startAppServer({
  port,
  instanceName,
  env,
  quiet = true,
  timeoutMs = 60_000,
  nodeArgs = [],
  migrate = true,
}: {
  /** Run the migration step first (default), as every deploy does before starting instances. */
  migrate?: boolean;
  /** Extra options for node itself (the benchmark's --cpu-prof). */
  nodeArgs?: string[];
  port: number;
  instanceName: string;
  env: Record<string, string | undefined>;
  quiet?: boolean;
  timeoutMs?: number;
}): Promise<RunningApp> {
  if (!existsSync(SERVER_ENTRY) || !existsSync(MIGRATE_ENTRY))
    throw new Error('no production build: run `npm run build` first');
  if (migrate) await migrateDatabase(env);
  const cwd = mkdtempSync(path.join(os.tmpdir(), `inkwell-${instanceName}-`));
  const child = startProcess(process.execPath, [...nodeArgs, SERVER_ENTRY], {
    cwd,
    env: {
      ...process.env,
      // Production needs one; the instances of one run share it, as a deployment's instances do.
      INNGEST_SIGNING_KEY: runSigningKey(),
      // The public origin (links in mail, Auth.js's redirects): where this instance is reached,
      // unless the caller puts something in front of it.
      APP_URL: `http://127.0.0.1:${port}`,
      ...env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(port),
      INSTANCE_NAME: instanceName,
    },
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${instanceName} exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stopProcess(child);
      throw new Error(`${instanceName} was not healthy within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    port,
    instanceName,
    cwd,
    process: child,
    async stop() {
      await stopProcess(child);
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}
