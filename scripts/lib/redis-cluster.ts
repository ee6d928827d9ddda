import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { commandExists, freePort, run, startProcess, stopProcess, waitForPort } from './processes';

export interface RunningRedisCluster {
  /** Seed nodes as host:port (REDIS_CLUSTER_NODES). */
  nodes: string[];
  stop(): Promise<void>;
}

/**
 * A real Redis Cluster for tests and the demo: `masters` redis-servers in cluster mode on ports
 * of their own (no persistence), joined with `redis-cli --cluster create`, the 16,384 slots
 * spread over them. Waits until every node reports the cluster ok.
 */
export async function startRedisCluster({
  dir,
  masters = 3,
}: {
  dir: string;
  masters?: number;
}): Promise<RunningRedisCluster> {
  if (!commandExists('redis-server') || !commandExists('redis-cli'))
    throw new Error('redis-server and redis-cli are needed (apt-get install -y redis-server)');
  const ports: number[] = [];
  for (let index = 0; index < masters; index += 1) ports.push(await freePort());
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map((child) => stopProcess(child)));
  };
  try {
    for (const port of ports) {
      const nodeDir = path.join(dir, String(port));
      mkdirSync(nodeDir, { recursive: true });
      children.push(
        startProcess(
          'redis-server',
          [
            '--bind',
            '127.0.0.1',
            '--port',
            String(port),
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            path.join(nodeDir, 'nodes.conf'),
            '--cluster-node-timeout',
            '5000',
            '--save',
            '',
            '--appendonly',
            'no',
            '--dir',
            nodeDir,
          ],
          { stdio: ['ignore', 'ignore', 'inherit'] },
        ),
      );
    }
    await Promise.all(ports.map((port) => waitForPort(port)));
    const nodes = ports.map((port) => `127.0.0.1:${port}`);
    const created = await run(
      'redis-cli',
      ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes'],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    if (created !== 0) throw new Error(`redis-cli --cluster create failed (exit ${created})`);
    await waitForClusterOk(ports);
    return { nodes, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForClusterOk(ports: number[], timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const states = await Promise.all(
      ports.map(async (port) => {
        const { execFileSync } = await import('node:child_process');
        try {
          return execFileSync('redis-cli', ['-p', String(port), 'cluster', 'info'], {
            encoding: 'utf8',
          });
        } catch {
          return '';
        }
      }),
    );
    if (states.every((info) => /cluster_state:ok/.test(info))) return;
    if (Date.now() > deadline) throw new Error('the Redis Cluster did not become ok in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
