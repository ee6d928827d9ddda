import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { commandExists, freePort, run, startProcess, stopProcess, waitForPort } from './processes';

export const FERRETDB_VERSION = 'v1.24.2';
const MODULE = 'github.com/FerretDB/FerretDB';
const ROOT = path.resolve(__dirname, '..', '..');
const BIN_DIR = path.join(ROOT, '.bin');
export const FERRETDB_BINARY = path.join(BIN_DIR, `ferretdb-${FERRETDB_VERSION}`);

function goCommand(): string {
  if (commandExists('go')) return 'go';
  if (existsSync('/usr/local/go/bin/go')) return '/usr/local/go/bin/go';
  throw new Error(
    'Go is needed to build FerretDB once (https://go.dev/dl); it was not found on PATH',
  );
}

/**
 * Builds FerretDB from its module source (fetched through the Go module proxy) into .bin/, once.
 * A plain `go install …/cmd/ferretdb@v1.24.2` builds a binary that panics at start, because the
 * module lacks the generated build/version/version.txt; we write that file, then `go build`.
 */
export async function ensureFerretDbBinary(): Promise<string> {
  if (existsSync(FERRETDB_BINARY)) return FERRETDB_BINARY;
  const go = goCommand();
  console.log(`Building FerretDB ${FERRETDB_VERSION} (once, about a minute)…`);
  const download = JSON.parse(
    execFileSync(go, ['mod', 'download', '-json', `${MODULE}@${FERRETDB_VERSION}`], {
      encoding: 'utf8',
      env: { ...process.env, GOFLAGS: '-mod=mod' },
    }),
  ) as { Dir?: string; Error?: string };
  if (!download.Dir) throw new Error(`go mod download failed: ${download.Error ?? 'no directory'}`);
  const source = path.join(BIN_DIR, 'src', `ferretdb-${FERRETDB_VERSION}`);
  rmSync(source, { recursive: true, force: true });
  mkdirSync(path.dirname(source), { recursive: true });
  cpSync(download.Dir, source, { recursive: true });
  chmodRecursive(source);
  writeFileSync(path.join(source, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
  const code = await run(go, ['build', '-trimpath', '-o', FERRETDB_BINARY, './cmd/ferretdb'], {
    cwd: source,
    env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' },
  });
  if (code !== 0 || !existsSync(FERRETDB_BINARY))
    throw new Error(`building FerretDB failed (exit ${code})`);
  rmSync(source, { recursive: true, force: true });
  return FERRETDB_BINARY;
}

function chmodRecursive(dir: string): void {
  execFileSync('chmod', ['-R', 'u+w', dir]);
  chmodSync(dir, 0o755);
}

export interface RunningFerretDb {
  uri: (database: string) => string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts FerretDB. By default on the SQLite backend: self-contained (no database server to
 * prepare), one folder per data set, so every test run gets a fresh, isolated database. With
 * `postgresUrl` (an admin connection, e.g. `postgres://postgres@127.0.0.1:5432/postgres`) on the
 * PostgreSQL backend instead, in a database of its own that `stop` drops: FerretDB then pushes
 * filters down into PostgreSQL, where the SQLite backend scans every document for every lookup
 * (the benchmark's data set is large enough for that to dominate).
 */
export async function startFerretDb({
  dataDir,
  port,
  quiet = true,
  postgresUrl,
}: {
  dataDir: string;
  port?: number;
  quiet?: boolean;
  postgresUrl?: string;
}): Promise<RunningFerretDb> {
  const binary = await ensureFerretDbBinary();
  const listenPort = port ?? (await freePort());
  mkdirSync(dataDir, { recursive: true });
  const postgres = postgresUrl ? await createPostgresDatabase(postgresUrl) : undefined;
  const child = startProcess(
    binary,
    [
      ...(postgres
        ? ['--handler=postgresql', `--postgresql-url=${postgres.url}`]
        : ['--handler=sqlite', `--sqlite-url=file:${dataDir}/`]),
      `--state-dir=${dataDir}`,
      `--listen-addr=127.0.0.1:${listenPort}`,
      '--debug-addr=-',
      '--telemetry=disable',
      `--log-level=${quiet ? 'error' : 'info'}`,
    ],
    { stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit' },
  );
  await waitForPort(listenPort);
  return {
    port: listenPort,
    process: child,
    uri: (database) => `mongodb://127.0.0.1:${listenPort}/${database}`,
    async stop() {
      await stopProcess(child);
      await postgres?.drop();
    },
  };
}

/** A fresh PostgreSQL database for one FerretDB, through `psql` and an admin connection. */
async function createPostgresDatabase(
  adminUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `inkwell_ferretdb_${Date.now().toString(36)}_${process.pid}`;
  const psql = (sql: string) =>
    run('psql', [adminUrl, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], { stdio: 'ignore' });
  if ((await psql(`CREATE DATABASE ${name}`)) !== 0)
    throw new Error(`could not create a PostgreSQL database through ${adminUrl}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
