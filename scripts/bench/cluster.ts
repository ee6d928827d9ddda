import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAppServer } from '../lib/app-server';
import { freePort } from '../lib/processes';
import { startRedisCluster } from '../lib/redis-cluster';
import { measure, signIn, type Row } from './measure';

export const CLUSTER_STREAM = 'home stream (signed in), Redis Cluster';

/**
 * The signed-in home stream again, served by an instance whose only Redis is a three-master
 * Redis Cluster (same MongoDB): the reader signs in through it and their stream is rebuilt into
 * the cluster from MongoDB on first read, then measured warm like the single-Redis row.
 */
export async function measureStreamOnCluster(
  env: Record<string, string>,
  token: string,
  readerUsername: string,
): Promise<Row> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'inkwell-bench-cluster-'));
  const cluster = await startRedisCluster({ dir });
  try {
    const app = await startAppServer({
      port: await freePort(),
      instanceName: 'bench-cluster',
      env: {
        ...env,
        REDIS_URL: 'redis://127.0.0.1:1',
        REDIS_CLUSTER_NODES: cluster.nodes.join(','),
      },
    });
    try {
      const cookie = await signIn(app.url, readerUsername);
      // Warm-up like the other instances had: JIT, connections, the stream rebuilt into the cluster.
      for (let warm = 0; warm < 300; warm += 1)
        await fetch(`${app.url}/`, { headers: { Cookie: cookie } }).then((response) =>
          response.arrayBuffer(),
        );
      return await measure(CLUSTER_STREAM, app.url, `${app.url}/`, token, { Cookie: cookie });
    } finally {
      await app.stop();
    }
  } finally {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
