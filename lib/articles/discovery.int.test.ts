import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { env } from '@/lib/config/env';
import { createRequestContext, runWithRequestContext } from '@/lib/request/context';
import { schemaOrgErrors } from '@/lib/testing/schema-org';
import { setUpTestStores } from '@/lib/testing/stores';
import { retryWhileBusy } from '@/lib/testing/while-busy';
import { makeUser } from '@/lib/testing/users';
import { serializeJsonLd } from '@/lib/util/json-ld';
import { absoluteUrls, FEED_SIZE, feedCards, renderRssFeed } from './feed';
import { getArticlePage } from './get-article-page';
import { ArticleModel } from './models';
import { createArticle, saveArticle } from './save-article';
import { getSitemapPage, SITEMAP_PAGE_SIZE, sitemapDocument } from './sitemap';
import { articlePageJsonLd, profilePageJsonLd } from './structured-data';

type Person = Awaited<ReturnType<typeof makeUser>>;

setUpTestStores();

async function publish(author: Person, title: string, extra: Record<string, unknown> = {}) {
  const draft = await createArticle(author.viewer, {
    title,
    body: `About ${title}.`,
    ...extra,
  });
  if (!draft.ok) throw new Error(JSON.stringify(draft));
  const published = await retryWhileBusy(() =>
    saveArticle(author.viewer, draft.value.id, {}, 'publish'),
  );
  if (!published.ok) throw new Error(JSON.stringify(published));
  return published.value;
}

/** Runs `read` twice, and returns how many MongoDB commands the second (warm) run sent. */
async function warmMongoCommands(read: () => Promise<unknown>): Promise<number> {
  await read();
  const metrics = createRequestContext('warm');
  await runWithRequestContext(metrics, read);
  return metrics.mongo.commands;
}

const itemsOf = (xml: string) => [...xml.matchAll(/<item>[\s\S]*?<\/item>/g)].map(([item]) => item);

describe('feeds', () => {
  it('carry the 20 newest public articles of the site, an author and a tag, whole, with absolute links', async () => {
    const authors = await Promise.all([makeUser('ada'), makeUser('bob'), makeUser('cy')]);
    const [ada] = authors as [Person, Person, Person];
    const tag = `feed${Date.now().toString(36)}`;
    const published: string[] = [];
    // 21 public articles (publishing is limited per author per hour: three authors share them).
    for (let index = 0; index < 21; index += 1) {
      const author = authors[index % 3] as Person;
      const article = await publish(author, `Feed item ${index}`, {
        tags: [tag],
        body: `Item **${index}**, see [the tag](/t/${tag}), [notes](#notes) and ![x](/media/images/${'a'.repeat(24)}/${'b'.repeat(20)}-640x480.webp).`,
      });
      published.push(article.id);
    }
    const hidden = await publish(ada, 'Friends only in feeds', {
      tags: [tag],
      visibility: 'friends',
    });
    const unlisted = await publish(ada, 'Unlisted in feeds', {
      tags: [tag],
      visibility: 'unlisted',
    });
    const base = env().appUrl;

    for (const [list, owner, expected] of [
      ['recent', 'all', published.slice(-FEED_SIZE)],
      ['tag', tag, published.slice(-FEED_SIZE)],
      ['authorPublic', ada.id, published.filter((_, index) => index % 3 === 0)],
    ] as const) {
      const xml = renderRssFeed({
        title: 'Feed',
        description: 'A feed',
        path: '/feed.xml',
        cards: await feedCards(list, owner),
      });
      const items = itemsOf(xml);
      expect(items, list).toHaveLength(Math.min(FEED_SIZE, expected.length));
      expect(items.map((item) => /<guid[^>]*>([^<]+)</.exec(item)?.[1]).sort()).toEqual(
        [...expected].sort(),
      );
      expect(xml).not.toContain(hidden.id);
      expect(xml).not.toContain(unlisted.id);
      const newest = items[0] ?? '';
      // The whole article, its links and images absolute (escaped inside <content:encoded>).
      expect(newest).toMatch(/<content:encoded>.*&lt;strong&gt;\d+&lt;\/strong&gt;/s);
      expect(newest).toContain(`href=&quot;${base}/t/${tag}&quot;`);
      expect(newest).toContain(
        `src=&quot;${base}/media/images/${'a'.repeat(24)}/${'b'.repeat(20)}-640x480.webp&quot;`,
      );
      expect(newest).toMatch(new RegExp(`href=&quot;${base}/u/[a-z0-9_]+/feed-item-\\d+#notes`));
      expect(newest).not.toMatch(/(href|src)=&quot;\//);
      // Read often: a warm feed comes from cached objects only.
      expect(await warmMongoCommands(() => feedCards(list, owner))).toBe(0);
    }
  });

  it('leave absolute links alone and resolve relative ones against the article', () => {
    const page = 'https://ink.example/u/ada/hello';
    expect(
      absoluteUrls(
        '<a href="https://elsewhere.example/?a=1&amp;b=2">x</a><a href="../grace">g</a>' +
          '<img src="/media/a.webp" srcset="/media/a-640.webp 640w, /media/a-1280.webp 1280w">',
        page,
      ),
    ).toBe(
      '<a href="https://elsewhere.example/?a=1&amp;b=2">x</a><a href="https://ink.example/u/grace">g</a>' +
        '<img src="https://ink.example/media/a.webp" srcset="https://ink.example/media/a-640.webp 640w, https://ink.example/media/a-1280.webp 1280w">',
    );
  });
});

describe('JSON-LD', () => {
  it('describes an article (Article, BreadcrumbList) and a profile (Person, BreadcrumbList) as schema.org defines them', async () => {
    const ada = await makeUser('ada');
    const article = await publish(ada, 'Structured </script><script>alert(1)</script>', {
      tags: ['web', 'seo'],
      body: 'Some **words**.',
    });
    const page = await getArticlePage(ada.usernameKey, article.slug, null);
    if (page.kind !== 'article') throw new Error(page.kind);
    const articleLd = articlePageJsonLd(page.article, page.author);
    const profileLd = profilePageJsonLd(page.author);
    expect(schemaOrgErrors(articleLd)).toEqual([]);
    expect(schemaOrgErrors(profileLd)).toEqual([]);
    expect(articleLd.map((thing) => thing['@type'])).toEqual(['Article', 'BreadcrumbList']);
    expect(profileLd.map((thing) => thing['@type'])).toEqual(['Person', 'BreadcrumbList']);
    expect(articleLd[0]).toMatchObject({
      headline: article.title,
      url: `${env().appUrl}/u/${ada.usernameKey}/${article.slug}`,
      author: { '@type': 'Person', name: ada.displayName },
      keywords: 'web, seo',
    });

    // No title can end the script element: `<` is escaped, and the JSON reads back the same.
    const json = serializeJsonLd(articleLd);
    expect(json).not.toMatch(/<|>/);
    expect(json.toLowerCase()).not.toContain('</script');
    expect(JSON.parse(json)).toEqual(articleLd);
  });

  it('the checker refuses what schema.org does not define (so the test above means something)', () => {
    const url = 'https://ink.example/u/ada';
    expect(schemaOrgErrors({ '@context': 'https://schema.org', '@type': 'Person', url })).toEqual([
      '[0] (Person): name is required',
    ]);
    expect(
      schemaOrgErrors({
        '@context': 'https://schema.org',
        '@type': 'Article',
        headline: 'x',
        url,
        datePublished: 'yesterday',
        author: { '@type': 'Organisation', name: 'x' },
        autor: 'misspelt',
      }),
    ).toEqual([
      '[0].datePublished: expected DateTime, got "yesterday"',
      '[0].author: expected Thing:Person, got {"@type":"Organisation","name":"x"}',
      '[0] (Article): autor is not a property of Article',
    ]);
    expect(
      schemaOrgErrors({
        '@context': 'https://schema.org',
        '@type': 'BreadcrumbList',
        itemListElement: [{ '@type': 'ListItem', position: 2, name: 'Home', item: url }],
      }),
    ).toEqual(['[0]: ListItem positions must be 1, 2, 3… in order']);
  });
});

describe('sitemaps', () => {
  it('list public articles only, on one page while they fit, and follow a publication', async () => {
    const ada = await makeUser('ada');
    const open = await publish(ada, 'On the map');
    const secret = await publish(ada, 'Off the map', { visibility: 'friends' });
    const quiet = await publish(ada, 'Unlisted map', { visibility: 'unlisted' });
    const xml = await sitemapDocument();
    expect(xml).toContain('<urlset');
    expect(xml).toContain(`<loc>${env().appUrl}/</loc>`);
    expect(xml).toContain(`/u/${ada.usernameKey}/${open.slug}</loc>`);
    expect(xml).not.toContain(secret.slug);
    expect(xml).not.toContain(quiet.slug);
    expect(await warmMongoCommands(sitemapDocument)).toBe(0);
    const later = await publish(ada, 'Added to the map');
    expect(await sitemapDocument()).toContain(`/${later.slug}</loc>`);
    // A title edit moves the article's address: the sitemap names the new one.
    await saveArticle(ada.viewer, later.id, { title: 'Renamed on the map' }, 'save');
    const renamed = await sitemapDocument();
    expect(renamed).toContain('/renamed-on-the-map</loc>');
    expect(renamed).not.toContain(`/${later.slug}</loc>`);
  });

  it('become an index of pages of 1,000 beyond 1,000 articles, each page from cached objects', async () => {
    const ada = await makeUser('map');
    const already = await ArticleModel.countDocuments({
      status: 'published',
      visibility: 'public',
    });
    const start = Date.now() - 10_000_000;
    const total = SITEMAP_PAGE_SIZE + 5;
    // Written straight into MongoDB (publishing 1,000 through the app would take minutes).
    await ArticleModel.insertMany(
      Array.from({ length: total - already }, (_, index) => ({
        _id: new Types.ObjectId(),
        authorId: new Types.ObjectId(ada.id),
        title: `Bulk ${index}`,
        slug: `bulk-${index}`,
        body: 'Bulk.',
        status: 'published',
        visibility: 'public',
        publishedAt: new Date(start + index * 1000),
      })),
    );
    // Friends-only ones do not count.
    await ArticleModel.insertMany(
      Array.from({ length: 10 }, (_, index) => ({
        authorId: new Types.ObjectId(ada.id),
        title: `Hidden ${index}`,
        slug: `hidden-bulk-${index}`,
        status: 'published',
        visibility: 'friends',
        publishedAt: new Date(start + index * 1000),
      })),
    );
    // Direct writes bypass the app: a publication through it drops the outline, as any would.
    const last = await publish(ada, 'The last straw');

    const index = await sitemapDocument();
    expect(index).toContain('<sitemapindex');
    const pages = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, loc]) => loc);
    expect(pages).toEqual([`${env().appUrl}/sitemaps/1.xml`, `${env().appUrl}/sitemaps/2.xml`]);
    const first = (await getSitemapPage(1)) ?? [];
    const second = (await getSitemapPage(2)) ?? [];
    // Page 1 also names the home page; together every public article, once.
    expect(first).toHaveLength(SITEMAP_PAGE_SIZE + 1);
    expect(second).toHaveLength(total + 1 - SITEMAP_PAGE_SIZE);
    const urls = [...first, ...second].map((entry) => entry.url);
    expect(new Set(urls).size).toBe(urls.length);
    expect(urls.some((url) => url.includes('hidden-bulk'))).toBe(false);
    // Oldest first: the newest publication is on the last page.
    expect(second.at(-1)?.url).toContain(`/${last.slug}`);
    expect(await getSitemapPage(3)).toBeNull();
    expect(await getSitemapPage(0)).toBeNull();

    // Warm, the index and each page send no MongoDB command.
    expect(await warmMongoCommands(sitemapDocument)).toBe(0);
    expect(await warmMongoCommands(() => getSitemapPage(2))).toBe(0);
  });
});
