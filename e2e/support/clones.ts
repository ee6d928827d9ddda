import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAppServer, type RunningApp } from '../../scripts/lib/app-server';
import { startBalancer, type RunningBalancer } from '../../scripts/lib/nginx';
import { freePort } from '../../scripts/lib/processes';

export interface Clones {
  instances: RunningApp[];
  balancer: RunningBalancer;
  stop(): Promise<void>;
}

/**
 * Two production instances (`<name>-a`, `<name>-b`) behind nginx in round-robin, sharing the
 * test run's Redis and MongoDB under their own database and key prefix.
 */
export async function startClones(name: string): Promise<Clones> {
  const uri = new URL(process.env.MONGODB_URI as string);
  uri.pathname = `${uri.pathname.replace(/\/$/, '')}_${name}`;
  const ports = [await freePort(), await freePort(), await freePort()] as const;
  const env = {
    // Both are reached through the balancer: that is their public origin.
    APP_URL: `http://127.0.0.1:${ports[2]}`,
    MONGODB_URI: uri.toString(),
    REDIS_KEY_PREFIX: `${process.env.REDIS_KEY_PREFIX}${name}:`,
    TRUST_PROXY: 'loopback',
  };
  const instances = await Promise.all([
    startAppServer({ port: ports[0], instanceName: `${name}-a`, env }),
    startAppServer({ port: ports[1], instanceName: `${name}-b`, env }),
  ]);
  const balancer = await startBalancer({
    port: ports[2],
    upstreamPorts: [ports[0], ports[1]],
    dir: mkdtempSync(path.join(os.tmpdir(), 'inkwell-nginx-')),
  });
  return {
    instances,
    balancer,
    async stop() {
      await balancer.stop();
      rmSync(balancer.dir, { recursive: true, force: true });
      await Promise.all(instances.map((instance) => instance.stop()));
    },
  };
}
