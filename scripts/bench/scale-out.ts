import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAppServer, type RunningApp } from '../lib/app-server';
import { startBalancer } from '../lib/nginx';
import { freePort } from '../lib/processes';
import { capCpu } from './cpu-cap';
import { measure, type Row } from './measure';
import { CAPPED_CORES } from './settings';

export interface ScaleOut {
  /** The stream page through nginx over one, then two instances (uncapped). */
  scaleRows: Row[];
  /** The same with each instance capped at CAPPED_CORES (empty where cgroups are not writable). */
  cappedRows: Row[];
  uncappedRatio: number;
  cappedRatio: number | null;
}

/**
 * Starts a second instance beside `first` (stopped by `extraInstances`' owner) and measures the
 * signed-in stream through nginx over one and two instances, uncapped and capped.
 */
export async function measureScaleOut(
  first: RunningApp,
  env: Record<string, string>,
  metrics: { base: string; token: string; cookie: string },
  extraInstances: { stop(): Promise<void> }[],
): Promise<ScaleOut> {
  const { base, token, cookie } = metrics;
  const second = await startAppServer({
    port: await freePort(),
    instanceName: 'bench-2',
    env,
  });
  extraInstances.push(second);
  // The new instance warms up (JIT, connections) before it is measured, as the first one did
  // during the earlier scenarios; its pages come from the shared page cache.
  for (let warm = 0; warm < 300; warm += 1)
    await fetch(`${second.url}/`, { headers: { Cookie: cookie } }).then((response) =>
      response.arrayBuffer(),
    );
  const throughBalancer = async (label: string, upstreams: number[]): Promise<Row> => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'inkwell-bench-nginx-'));
    const balancer = await startBalancer({
      port: await freePort(),
      upstreamPorts: upstreams,
      dir,
    });
    try {
      return await measure(label, base, `${balancer.url}/`, token, { Cookie: cookie });
    } finally {
      await balancer.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const one = [first.port];
  const two = [first.port, second.port];
  const scaleRows: Row[] = [
    await throughBalancer('stream via nginx, 1 instance', one),
    await throughBalancer('stream via nginx, 2 instances', two),
  ];
  // The same with each instance held to a fixed share of a core, as on machines of their own:
  // uncapped, one instance already keeps both cores busy beside the load generator and stores.
  const caps = [first, second].map((instance) =>
    capCpu(instance.process.pid ?? 0, `inkwell-${instance.instanceName}`, CAPPED_CORES),
  );
  const cappedRows: Row[] = [];
  try {
    if (caps.every((cap) => cap !== null)) {
      cappedRows.push(
        await throughBalancer(`stream via nginx, 1 instance of ${CAPPED_CORES} core`, one),
        await throughBalancer(`stream via nginx, 2 instances of ${CAPPED_CORES} core`, two),
      );
    } else {
      console.log(
        'CPU caps unavailable here (cgroups not writable): scale-out measured uncapped only.',
      );
    }
  } finally {
    for (const cap of caps) cap?.release();
  }
  return {
    scaleRows,
    cappedRows,
    uncappedRatio: ratioOf(scaleRows) ?? 0,
    cappedRatio: ratioOf(cappedRows),
  };
}

function ratioOf(rows: Row[]): number | null {
  return rows.length === 2
    ? Number(((rows[1]?.rps ?? 0) / Math.max(1, rows[0]?.rps ?? 1)).toFixed(2))
    : null;
}
