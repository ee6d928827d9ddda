import { env } from '@/lib/config/env';
import { avatarUrl, coverUrl } from '@/lib/media/names';
import type { PublicUser } from '@/lib/users/public-user';
import type { JsonLdThing } from '@/lib/util/json-ld';
import type { ArticleView } from './article-view';
import { articlePath } from './get-article-page';

/*
 * The schema.org objects pages describe themselves with (JSON-LD): an article, its author, and the
 * trail to it. Only the properties below are used; lib/testing/schema-org.ts checks them against
 * the schema.org definitions of each type.
 */

const profileUrl = (user: Pick<PublicUser, 'usernameKey'>) =>
  `${env().appUrl}/u/${user.usernameKey}`;

/** A person: on their profile as the page's subject, in an article as its author. */
export function personJsonLd(user: PublicUser, withContext = true): JsonLdThing {
  const base = env().appUrl;
  return {
    ...(withContext ? { '@context': 'https://schema.org' as const } : {}),
    '@type': 'Person',
    name: user.displayName,
    alternateName: `@${user.username}`,
    url: profileUrl(user),
    ...(user.bio ? { description: user.bio } : {}),
    ...(user.avatar ? { image: `${base}${avatarUrl(user.id, user.avatar, 256)}` } : {}),
    ...(user.links.length > 0 ? { sameAs: user.links.map((link) => link.url) } : {}),
  };
}

export function articleJsonLd(article: ArticleView, author: PublicUser): JsonLdThing {
  const base = env().appUrl;
  const url = `${base}${articlePath(author, article.slug)}`;
  return {
    '@context': 'https://schema.org',
    '@type': 'Article',
    headline: article.title,
    url,
    mainEntityOfPage: url,
    ...(article.excerpt ? { description: article.excerpt } : {}),
    ...(article.publishedAt ? { datePublished: article.publishedAt } : {}),
    dateModified: article.updatedAt,
    author: personJsonLd(author, false),
    ...(article.cover ? { image: `${base}${coverUrl(article.id, article.cover, 1280)}` } : {}),
    ...(article.tags.length > 0 ? { keywords: article.tags.join(', ') } : {}),
  };
}

/** The trail from the home page to a page: [name, path] pairs, the page itself last. */
export function breadcrumbJsonLd(trail: [name: string, path: string][]): JsonLdThing {
  const base = env().appUrl;
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: trail.map(([name, path], index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name,
      item: `${base}${path}`,
    })),
  };
}

/** What an article page says of itself: the article, and Home › author › article. */
export function articlePageJsonLd(article: ArticleView, author: PublicUser): JsonLdThing[] {
  return [
    articleJsonLd(article, author),
    breadcrumbJsonLd([
      ['Home', '/'],
      [author.displayName, `/u/${author.usernameKey}`],
      [article.title, articlePath(author, article.slug)],
    ]),
  ];
}

/** What a profile says of itself: the person, and Home › person. */
export function profilePageJsonLd(user: PublicUser): JsonLdThing[] {
  return [
    personJsonLd(user),
    breadcrumbJsonLd([
      ['Home', '/'],
      [user.displayName, `/u/${user.usernameKey}`],
    ]),
  ];
}
