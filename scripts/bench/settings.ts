import path from 'node:path';
import type { BenchScale } from './seed';

/** Settings of a benchmark run, from BENCH_* variables (see docs/performance.md). */
export const ROOT = path.resolve(__dirname, '..', '..');
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
export const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
/** Each instance's CPU share in the capped scale-out run (two of them leave a core for the rest). */
export const CAPPED_CORES = Number(process.env.BENCH_CAPPED_CORES ?? 0.4);
export const scale: BenchScale = {
  users: Number(process.env.BENCH_USERS ?? 5_001),
  friendsPerUser: Number(process.env.BENCH_FRIENDS ?? 100),
  starFriends: Number(process.env.BENCH_STAR_FRIENDS ?? 5_000),
  articles: Number(process.env.BENCH_ARTICLES ?? 20_000),
};
/**
 * The data-size step (issue 19.4): the data set grows to FACTOR times the seed, with about
 * SCALE_FRIENDS friends per person, and COLD_AUTHORS people each publish COLD_PER_AUTHOR articles
 * at each size, whose first views are measured.
 */
export const DATA_SIZE = {
  factor: Number(process.env.BENCH_SCALE_FACTOR ?? 10),
  // 40, not the seed's 100: FerretDB stores about 5,000 documents a second here, so 2.25 million
  // more friendships would add 6 to 8 minutes, and no measured page reads friendships (see
  // docs/performance.md). BENCH_SCALE_FRIENDS=100 gives everyone the seed's 100.
  friendsPerUser: Number(process.env.BENCH_SCALE_FRIENDS ?? 40),
  coldAuthors: Number(process.env.BENCH_COLD_AUTHORS ?? 20),
  coldPerAuthor: Number(process.env.BENCH_COLD_PER_AUTHOR ?? 5),
};
/** What page and asset requests send, as browsers do: the server may answer compressed. */
export const BROWSER_ENCODING = { 'Accept-Encoding': 'br, gzip' } as const;
