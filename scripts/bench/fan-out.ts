import { execFileSync } from 'node:child_process';
import { postJson } from '../lib/stack';
import { signIn } from './measure';

/** Redis's own ceiling for pipelined ZADD on this machine, measured in the same run. */
export function redisZaddCeiling(redisUrl: string): number {
  const { hostname, port } = new URL(redisUrl);
  const output = execFileSync(
    'redis-benchmark',
    ['-h', hostname, '-p', port || '6379', '-t', 'zadd', '-n', '200000', '-P', '16', '-q'],
    {
      encoding: 'utf8',
    },
  );
  return Number(/ZADD[^:]*:\s*([\d.]+)/.exec(output)?.[1] ?? 0);
}

/** Publishes as the star author and waits for the entry in each of the author's friends' streams. */
export async function measureFanOut(
  base: string,
  starUsername: string,
  starId: string,
  friends: string[],
): Promise<{ ms: number; entries: number }> {
  // The star's friend set is cached as the app would cache it after its first read: read cold,
  // FerretDB scans all friendships (its SQLite backend does not use the multikey index), which is
  // not what this measures. A popular author's set stays cached (7 days, kept up to date).
  const { friendsCache } = await import('../../lib/friends/cache');
  await friendsCache.prime(starId, friends);
  const cookie = await signIn(base, starUsername);
  const publish = async () => {
    const draft = await postJson(base, cookie, '/api/articles', {
      title: `Fan-out ${Date.now()}`,
      body: 'To every friend.',
    });
    const publishedAfter = Date.now() - 50;
    const started = performance.now();
    await postJson(base, cookie, `/api/articles/${String(draft.id)}/publish`, {});
    return { publishedAfter, started };
  };
  // A steady-state measurement: the instance's first publish also pays for loading and compiling
  // the job code, and for reading the author's block lists into the cache.
  const warmUp = await publish();
  await waitForFanOut(warmUp.started, warmUp.publishedAfter, friends);
  const measured = await publish();
  return {
    ms: await waitForFanOut(measured.started, measured.publishedAfter, friends),
    entries: friends.length,
  };
}

/** Waits until the article's activity is in every one of `friends`' streams; returns the ms since `started`. */
async function waitForFanOut(
  started: number,
  publishedAfter: number,
  friends: string[],
): Promise<number> {
  const { streamIndex } = await import('../../lib/activity/cache');
  const { cacheRedis } = await import('../../lib/redis');
  const store = cacheRedis();
  // Watching costs Redis only (never MongoDB), and little of it: the new entry's id is read from
  // one friend's stream, then a sample of streams is watched before all of them are checked.
  const sample = friends.filter((_, index) => index % 250 === 249 || index === friends.length - 1);
  const arrived = async (ids: string[], member: string) =>
    (await store.all(ids.map((id) => store.cmd.zscore(streamIndex.key(id), member)))).every(
      (score) => score !== null,
    );
  let member: string | undefined;
  for (;;) {
    if (performance.now() - started > 60_000) throw new Error('fan-out did not finish within 60 s');
    member ??= (
      await store.one(
        store.cmd.zrevrangeByScore(streamIndex.key(friends[0] as string), '+inf', publishedAfter, {
          offset: 0,
          count: 1,
        }),
      )
    )[0]?.member;
    if (member && (await arrived(sample, member)) && (await arrived(friends, member))) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return Math.round(performance.now() - started);
}
