import { stringify } from 'yaml';
import type { Article } from '@/lib/articles/models';
import { renditionFileNames } from '@/lib/media/names';

/**
 * One article as Markdown with YAML front matter: what it says (its Markdown as written) and
 * everything about it (title, slug, status, visibility, tags, dates, its address and cover).
 */
export function articleMarkdown(
  article: Pick<
    Article,
    | '_id'
    | 'title'
    | 'slug'
    | 'body'
    | 'tags'
    | 'visibility'
    | 'status'
    | 'cover'
    | 'createdAt'
    | 'updatedAt'
    | 'publishedAt'
  >,
  address: string | null,
): string {
  const id = article._id.toString();
  const frontMatter = {
    title: article.title,
    slug: article.slug,
    status: article.status,
    visibility: article.visibility,
    tags: [...article.tags],
    created: article.createdAt.toISOString(),
    updated: article.updatedAt.toISOString(),
    published: article.publishedAt ? article.publishedAt.toISOString() : null,
    url: address,
    cover: article.cover
      ? renditionFileNames('cover', id, article.cover).map((name) => `media/${name}`)
      : null,
    id,
  };
  return `---\n${stringify(frontMatter)}---\n\n${article.body}\n`;
}
