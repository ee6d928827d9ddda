import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ColdViews } from './cold-views';
import type { Row } from './measure';
import { BROWSER_ENCODING, CONNECTIONS, DURATION, ROOT } from './settings';

export interface Target {
  name: string;
  goal: string;
  value: string;
  met: boolean;
  why: string;
}

/** One warm view of a page: the MongoDB commands its second request sent (issue 20). */
export interface WarmView {
  page: string;
  path: string;
  /** Who asked: anonymous, the reader or the author. */
  as: string;
  status: number;
  mongo: number;
  redis: number;
  /** The operator's Server-Timing of that request (cache kinds hit or missed). */
  serverTiming: string;
}

/** The same page scenarios and first views at the seed's size and at `factor` times it. */
export interface DataSizeReport {
  factor: number;
  normal: { seeded: Record<string, number>; scenarios: Row[]; coldViews: ColdViews };
  large: {
    seeded: Record<string, number>;
    scenarios: Row[];
    coldViews: ColdViews;
    /** Generating and inserting the additions. */
    generationSeconds: number;
    friendsPerNewPerson: number;
  };
}

/** Page rows side by side (req/s, p99, store commands), then the first views at both sizes. */
function dataSizeMarkdown(data: DataSizeReport): string[] {
  const { normal, large, factor } = data;
  const cold = (label: string, views: ColdViews) =>
    `| ${label} | ${views.articles} | ${views.p50} | ${views.p99} | ${views.max} | ${views.mongoPerView} | ${views.mongoMsPerView} | ${views.redisPerView} | ${views.publishP50} |`;
  return [
    `## Data size: 1x and ${factor}x`,
    '',
    `1x: ${JSON.stringify(normal.seeded)}. ${factor}x: ${JSON.stringify(large.seeded)}, grown in ${large.generationSeconds} s with bulk inserts (about ${large.friendsPerNewPerson} friends per new person); every Redis key of the run dropped before the ${factor}x pages were warmed and measured.`,
    '',
    `| scenario | req/s 1x | req/s ${factor}x | ratio | p99 ms 1x | p99 ms ${factor}x | MongoDB/req 1x / ${factor}x | database CPU % 1x / ${factor}x |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...normal.scenarios.map((row) => {
      const other = large.scenarios.find((candidate) => candidate.scenario === row.scenario);
      return `| ${row.scenario} | ${row.rps} | ${other?.rps ?? ''} | ${other ? (other.rps / Math.max(1, row.rps)).toFixed(2) : ''} | ${row.p99} | ${other?.p99 ?? ''} | ${row.mongoPerRequest} / ${other?.mongoPerRequest ?? ''} | ${row.databaseCpuPercent} / ${other?.databaseCpuPercent ?? ''} |`;
    }),
    '',
    'First view of an article after publishing (published through the API, jobs settled, then each page asked once, anonymously, one at a time):',
    '',
    '| size | articles | p50 ms | p99 ms | max ms | MongoDB/view | MongoDB ms/view | Redis/view | publish p50 ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    cold('1x', normal.coldViews),
    cold(`${factor}x`, large.coldViews),
    '',
  ];
}

/** Each page asked once to warm, then once more: what that second request sent to the stores. */
function warmViewsMarkdown(views: WarmView[]): string[] {
  if (views.length === 0) return [];
  return [
    '## Warm views (one request each, after one to warm)',
    '',
    '| page | path | as | status | MongoDB | Redis |',
    '| --- | --- | --- | --- | --- | --- |',
    ...views.map(
      (view) =>
        `| ${view.page} | \`${view.path}\` | ${view.as} | ${view.status} | ${view.mongo} | ${view.redis} |`,
    ),
    '',
  ];
}

function markdown(
  rows: Row[],
  targets: Target[],
  report: {
    dataSize?: DataSizeReport;
    warmViews?: WarmView[];
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
    ...warmViewsMarkdown(report.warmViews ?? []),
    ...(report.dataSize ? dataSizeMarkdown(report.dataSize) : []),
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
  /** The other pages' warm views, one request each (issue 20). */
  warmViews?: WarmView[];
  fanOut: Record<string, number>;
  scaleOut: Record<string, number | undefined>;
  instrumentationNsPerRequest: number;
  /** The data-size step (absent from `--only pages` and `--no-scale` runs). */
  dataSize?: DataSizeReport;
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
