import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Row } from './measure';
import { BROWSER_ENCODING, CONNECTIONS, DURATION, ROOT } from './settings';

export interface Target {
  name: string;
  goal: string;
  value: string;
  met: boolean;
  why: string;
}

function markdown(
  rows: Row[],
  targets: Target[],
  report: {
    date: string;
    fanOut: Record<string, number>;
    scaleOut: Record<string, number | undefined>;
    instrumentationNsPerRequest: number;
    machine: Record<string, unknown>;
    seeded: Record<string, number>;
    settings: { staticAsset: { path: string; bytes: number }; database: string };
  },
): string {
  return [
    `# Benchmark, ${report.date}`,
    '',
    `Machine: ${JSON.stringify(report.machine)}; ${CONNECTIONS} connections, ${DURATION} s per scenario.`,
    '',
    `Data: ${JSON.stringify(report.seeded)} in ${report.settings.database}. Static asset: \`${report.settings.staticAsset.path}\` (${report.settings.staticAsset.bytes} bytes, about the size of the article page).`,
    '',
    `Page and static-asset requests send \`Accept-Encoding: ${BROWSER_ENCODING['Accept-Encoding']}\` as browsers do; bytes per response include the headers; CPU per response is the serving process's (µs, where measured).`,
    '',
    '| scenario | req/s | bytes/response | CPU µs/response | p50 ms | p99 ms | errors | MongoDB/req | Redis/req | background MongoDB commands | database CPU % | event-loop delay p99 / max ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| ${row.scenario} | ${row.rps} | ${row.bytesPerResponse} | ${row.cpuMicrosPerResponse || ''} | ${row.p50} | ${row.p99} | ${row.errors + row.non2xx} | ${row.mongoPerRequest} | ${row.redisPerRequest} | ${row.backgroundMongo} | ${row.databaseCpuPercent} | ${row.eventLoopP99Ms} / ${row.eventLoopMaxMs} |`,
    ),
    '',
    // A run of the page scenarios only (`--only pages`) has no fan-out or scale-out to report.
    ...(report.fanOut.entries === undefined
      ? []
      : [
          `Fan-out: ${report.fanOut.entries} streams in ${report.fanOut.ms} ms (${report.fanOut.entriesPerSecond} entries/s); redis-benchmark pipelined ZADD: ${report.fanOut.redisZaddPipelinedCeiling} ops/s.`,
          '',
          report.scaleOut.ratio === undefined
            ? 'Scale-out with capped instances: not measured (cgroups not writable here).'
            : `Scale-out (stream page via nginx, each instance capped at ${report.scaleOut.cappedCoresPerInstance} core): ${report.scaleOut.oneInstanceRps} req/s on one instance, ${report.scaleOut.twoInstancesRps} on two, ratio ${report.scaleOut.ratio}.`,
          '',
          `Scale-out uncapped (instances, load generator, nginx and stores share ${String(report.machine.cores)} cores): ${report.scaleOut.uncappedOneInstanceRps} req/s on one instance, ${report.scaleOut.uncappedTwoInstancesRps} on two, ratio ${report.scaleOut.uncappedRatio}.`,
          '',
        ]),
    `Server-Timing instrumentation: ${report.instrumentationNsPerRequest} ns per request.`,
    '',
    '| target | goal | value | met |',
    '| --- | --- | --- | --- |',
    ...targets.map(
      (target) =>
        `| ${target.name} | ${target.goal} | ${target.value} | ${target.met ? 'yes' : `no: ${target.why}`} |`,
    ),
    '',
  ].join('\n');
}

/** The whole run as bench/results/latest.json and latest.md record it. */
export interface BenchReport {
  date: string;
  machine: { cores: number; memoryGiB: number; node: string };
  settings: Record<string, unknown> & {
    staticAsset: { path: string; bytes: number };
    database: string;
  };
  seeded: Record<string, number>;
  scenarios: Row[];
  fanOut: Record<string, number>;
  scaleOut: Record<string, number | undefined>;
  instrumentationNsPerRequest: number;
  targets: Target[];
  totalSeconds: number;
}

const RESULTS = path.join(ROOT, 'bench', 'results');

/** Writes <name>.json and <name>.md (latest: the full run), and prints the targets. */
export function writeReport(report: BenchReport, name = 'latest'): void {
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(path.join(RESULTS, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(
    path.join(RESULTS, `${name}.md`),
    markdown(report.scenarios, report.targets, report),
  );
  console.log('\nTargets');
  for (const target of report.targets)
    console.log(
      `  ${target.met ? 'met    ' : 'MISSED '} ${target.name}: ${target.value} (goal ${target.goal})`,
    );
  console.log(`\nWrote bench/results/${name}.json and ${name}.md in ${report.totalSeconds} s.`);
}

/** Adds the profiled instance's hottest functions to <name>.md (and prints them). */
export function appendHottestFunctions(
  hottest: { share: number | string; frame: string }[],
  name = 'latest',
): void {
  if (hottest.length === 0) return;
  const lines = [
    '',
    '## Hottest functions (CPU self time, instance 1, whole run)',
    '',
    '| share % | function |',
    '| --- | --- |',
  ];
  lines.push(
    ...hottest.map((entry) => `| ${entry.share} | \`${entry.frame.replace(/\|/g, '/')}\` |`),
  );
  appendFileSync(path.join(RESULTS, `${name}.md`), `${lines.join('\n')}\n`);
  console.log(lines.join('\n'));
}
