import net from 'node:net';
import { mkdirSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { commandExists, freePort, startProcess, stopProcess, waitForPort } from './processes';

/** Sends PING over a raw socket; true if a Redis answered PONG. */
export function redisAnswers(url: string, timeoutMs = 1_000): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port || 6379), hostname || '127.0.0.1');
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

export interface RunningRedis {
  url: string;
  stop(): Promise<void>;
  process?: ChildProcess;
}

/** Starts a throwaway redis-server (no persistence) on a port of its own. */
export async function startRedisServer({
  port,
  dir,
  persistent = false,
}: {
  /** Keep data across a restart (append-only file in `dir`), as a production Redis would. */
  persistent?: boolean;
  port?: number;
  dir: string;
}): Promise<RunningRedis> {
  if (!commandExists('redis-server')) {
    throw new Error('redis-server is not installed (apt-get install -y redis-server)');
  }
  const listenPort = port ?? (await freePort());
  mkdirSync(dir, { recursive: true });
  const child = startProcess(
    'redis-server',
    [
      '--bind',
      '127.0.0.1',
      '--port',
      String(listenPort),
      '--save',
      '',
      '--appendonly',
      persistent ? 'yes' : 'no',
      '--appendfsync',
      'always',
      '--dir',
      dir,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  await waitForPort(listenPort);
  return { url: `redis://127.0.0.1:${listenPort}`, process: child, stop: () => stopProcess(child) };
}

/**
 * Uses the Redis at `url` when it answers; otherwise starts a local redis-server on its own
 * port (when one is installed) and returns its URL.
 */
export async function ensureRedis(url: string, dir: string): Promise<RunningRedis> {
  if (await redisAnswers(url)) return { url, stop: async () => {} };
  console.log(`No Redis answered at ${url}; starting a local redis-server.`);
  return startRedisServer({ dir });
}
