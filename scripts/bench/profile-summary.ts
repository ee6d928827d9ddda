import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** The functions that used the most CPU (self time) in the .cpuprofile files of `dir`. */
export function summariseProfiles(dir: string, top = 15): { share: number; frame: string }[] {
  const selfHits = new Map<string, number>();
  let total = 0;
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
      nodes: ProfileNode[];
    };
    for (const node of profile.nodes) {
      const hits = node.hitCount ?? 0;
      if (hits === 0) continue;
      const { functionName, url, lineNumber } = node.callFrame;
      const where = url
        .replace(/^.*node_modules\//, '')
        .replace(/^file:\/\/.*\/(\.next|lib|app)\//, '$1/');
      const frame = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
      selfHits.set(frame, (selfHits.get(frame) ?? 0) + hits);
      total += hits;
    }
  }
  return [...selfHits.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([frame, hits]) => ({
      share: Number(((hits / Math.max(1, total)) * 100).toFixed(1)),
      frame,
    }));
}
