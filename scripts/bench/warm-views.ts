import { waitForQuiet } from './cold-views';
import { signIn } from './measure';
import type { Target, WarmView } from './report';
import { seedReaderActivity, type Seeded } from './seed';
import { BROWSER_ENCODING } from './settings';

export type { WarmView } from './report';

interface StoreTotals {
  inRequests: { mongo: { commands: number }; redis: { commands: number } };
}

async function totals(base: string, token: string): Promise<StoreTotals> {
  const response = await fetch(`${base}/api/metrics`, { headers: { 'x-metrics-token': token } });
  return (await response.json()) as StoreTotals;
}

type Who = 'anonymous' | 'reader' | 'author';

/** The pages of the writing-and-reading work, each as the person it is for. */
function warmPages(seeded: Seeded): { page: string; path: string; as: Who }[] {
  const tag = `/t/${encodeURIComponent(seeded.articleTag)}`;
  return [
    { page: 'dashboard (author)', path: '/dashboard', as: 'author' },
    { page: 'saved (reader with a saved article)', path: '/saved', as: 'reader' },
    { page: 'tag page', path: tag, as: 'anonymous' },
    { page: 'tag feed', path: `${tag}/feed.xml`, as: 'anonymous' },
    { page: 'home feed', path: '/feed.xml', as: 'anonymous' },
    { page: 'profile feed', path: `${seeded.profilePath}/feed.xml`, as: 'anonymous' },
    { page: 'sitemap', path: '/sitemap.xml', as: 'anonymous' },
    { page: 'sitemap page', path: '/sitemaps/1.xml', as: 'anonymous' },
    { page: 'notifications (author of a commented article)', path: '/notifications', as: 'author' },
    {
      page: 'article with nested comments (signed in)',
      path: seeded.articlePath,
      as: 'reader',
    },
    {
      page: "that article's reader state",
      path: `/api/reader?article=${seeded.articleId}`,
      as: 'reader',
    },
  ];
}

/**
 * Seeds the reader's activity through the API, lets its jobs settle, then asks for each page once
 * to warm it and once more, alone, counting the MongoDB commands that second request sent (the
 * delta of the in-request totals; the History page is left out: it reads MongoDB on purpose, see
 * lib/articles/revisions.ts).
 */
export async function measureWarmViews(
  base: string,
  token: string,
  seeded: Seeded,
  readerCookie: string,
): Promise<WarmView[]> {
  const cookies = {
    reader: readerCookie,
    author: await signIn(base, seeded.author.username),
    commenter: await signIn(base, seeded.star.username),
  };
  await seedReaderActivity(base, seeded.articleId, cookies);
  await waitForQuiet(base, token);
  const views: WarmView[] = [];
  for (const { page, path, as } of warmPages(seeded)) {
    const headers: Record<string, string> = {
      ...BROWSER_ENCODING,
      ...(as === 'anonymous' ? {} : { Cookie: cookies[as] }),
    };
    const ask = (extra: Record<string, string> = {}) =>
      fetch(`${base}${path}`, { headers: { ...headers, ...extra }, redirect: 'manual' });
    await (await ask()).arrayBuffer();
    // A rendered page is kept after its response ends: let that write land before asking again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = await totals(base, token);
    const response = await ask({ 'x-metrics-token': token });
    await response.arrayBuffer();
    const after = await totals(base, token);
    const view: WarmView = {
      page,
      path,
      as,
      status: response.status,
      mongo: after.inRequests.mongo.commands - before.inRequests.mongo.commands,
      redis: after.inRequests.redis.commands - before.inRequests.redis.commands,
      serverTiming: response.headers.get('server-timing') ?? '',
    };
    console.log(
      `warm ${page.padEnd(42)} ${view.status}  mongo ${view.mongo}  redis ${view.redis}  ${view.serverTiming}`,
    );
    views.push(view);
  }
  return views;
}

/** "warm <page>: 0 MongoDB commands", one target per page (answered 200 and read only Redis). */
export function warmViewTargets(views: WarmView[]): Target[] {
  return views.map((view) => ({
    name: `warm ${view.page}: 0 MongoDB commands`,
    goal: '0',
    value: view.status === 200 ? String(view.mongo) : `${view.mongo} (status ${view.status})`,
    met: view.status === 200 && view.mongo === 0,
    why:
      view.status !== 200
        ? `${view.path} answered ${view.status}, not the page`
        : view.mongo === 0
          ? `${view.path} as ${view.as}: every object came from Redis`
          : `some object was read from MongoDB on the warm page: ${view.serverTiming}`,
  }));
}
