import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { sphinxIndexConfig } from '../../lib/search/schema';
import { freePort, run, startProcess, stopProcess, waitForPort } from './processes';

const SEARCHD = '/usr/bin/searchd';

/** Debian's sphinxsearch (searchd, SphinxQL over the MySQL protocol), installed when missing. */
export async function ensureSearchd(): Promise<string> {
  if (existsSync(SEARCHD)) return SEARCHD;
  if (process.getuid?.() !== 0)
    throw new Error('searchd is missing: sudo apt-get install -y sphinxsearch');
  console.log('Installing Debian sphinxsearch (the embedded search engine)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-qq'], { env });
  if (
    (await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'sphinxsearch'], {
      env,
    })) !== 0 ||
    !existsSync(SEARCHD)
  ) {
    throw new Error('apt-get install sphinxsearch failed');
  }
  return SEARCHD;
}

export interface RunningSearchEngine {
  /** SEARCH_URL for the app: `mysql://127.0.0.1:PORT`. */
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts searchd with the app's real-time indexes (lib/search/schema.ts), its config, indexes,
 * binlog and logs in `dir` (kept across restarts: the demo's data stays), listening for SphinxQL
 * on 127.0.0.1:`port` (a free one if not given).
 */
export async function startSearchEngine({
  dir,
  port,
}: {
  dir: string;
  port?: number;
}): Promise<RunningSearchEngine> {
  const searchd = await ensureSearchd();
  const listenPort = port ?? (await freePort());
  const dataDir = path.join(dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const config = path.join(dir, 'sphinx.conf');
  writeFileSync(
    config,
    `${sphinxIndexConfig(dataDir)}
searchd
{
  listen = 127.0.0.1:${listenPort}:mysql41
  log = ${dir}/searchd.log
  query_log = ${dir}/query.log
  pid_file = ${dir}/searchd.pid
  binlog_path = ${dataDir}
  workers = threads
  max_children = 128
  listen_backlog = 256
  read_timeout = 5
  client_timeout = 3600
  rt_flush_period = 60
}
`,
  );
  const child = startProcess(searchd, ['--config', config, '--nodetach'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForPort(listenPort);
  return {
    url: `mysql://127.0.0.1:${listenPort}`,
    port: listenPort,
    process: child,
    stop: () => stopProcess(child),
  };
}
