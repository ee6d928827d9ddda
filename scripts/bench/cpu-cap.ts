import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A fixed CPU budget for one process (a Linux cgroup's CPU quota), as a container's CPU limit or
 * a machine of its own would give it. The benchmark caps each instance this way to measure how
 * the app scales out on a machine whose few cores are shared with the load generator and stores.
 */
export interface CpuCap {
  release(): void;
}

const PERIOD_US = 100_000;

/** Caps `pid` at `cores` (e.g. 0.4); null where cgroups cannot be written (not root, no cgroup). */
export function capCpu(pid: number, name: string, cores: number): CpuCap | null {
  const quota = Math.round(cores * PERIOD_US);
  try {
    const v1 = '/sys/fs/cgroup/cpu';
    if (existsSync(path.join(v1, 'cpu.cfs_quota_us'))) {
      const group = path.join(v1, name);
      mkdirSync(group, { recursive: true });
      writeFileSync(path.join(group, 'cpu.cfs_period_us'), String(PERIOD_US));
      writeFileSync(path.join(group, 'cpu.cfs_quota_us'), String(quota));
      writeFileSync(path.join(group, 'cgroup.procs'), String(pid));
      return { release: () => leave(group, path.join(v1, 'cgroup.procs'), pid) };
    }
    const v2 = '/sys/fs/cgroup';
    if (readFileSync(path.join(v2, 'cgroup.controllers'), 'utf8').includes('cpu')) {
      writeFileSync(path.join(v2, 'cgroup.subtree_control'), '+cpu');
      const group = path.join(v2, name);
      mkdirSync(group, { recursive: true });
      writeFileSync(path.join(group, 'cpu.max'), `${quota} ${PERIOD_US}`);
      writeFileSync(path.join(group, 'cgroup.procs'), String(pid));
      return { release: () => leave(group, path.join(v2, 'cgroup.procs'), pid) };
    }
  } catch {
    // Not permitted here: the caller measures without caps and says so.
  }
  return null;
}

function leave(group: string, rootProcs: string, pid: number): void {
  try {
    writeFileSync(rootProcs, String(pid));
  } catch {
    // The process has ended.
  }
  try {
    rmdirSync(group);
  } catch {
    // Still in use by a child; the kernel keeps it until it empties.
  }
}
