import type { ImageRef } from '@/lib/media/image-ref';
import type { Article, ArticleStatus, Visibility } from './models';
import { renderMarkdown, type RenderedMarkdown, type RenderOutcome } from './render-markdown';

/** The cached article: everything a page shows, rendered once per version. */
export interface ArticleView {
  id: string;
  version: number;
  authorId: string;
  title: string;
  slug: string;
  html: string;
  excerpt: string;
  readingMinutes: number;
  tags: string[];
  visibility: Visibility;
  status: ArticleStatus;
  cover: ImageRef | null;
  publishedAt: string | null;
  updatedAt: string;
}

export type ArticleViewOutcome =
  { ok: true; view: ArticleView } | Extract<RenderOutcome, { ok: false }>;

/** Renders the article's body (within the rendering limits) into its cached object. */
export async function buildArticleView(article: Article): Promise<ArticleViewOutcome> {
  const rendered = await renderMarkdown(article.body);
  return rendered.ok ? { ok: true, view: composeArticleView(article, rendered.value) } : rendered;
}

/** The cached object of an article whose body is already rendered. */
export function composeArticleView(article: Article, rendered: RenderedMarkdown): ArticleView {
  return {
    id: article._id.toString(),
    version: article.version,
    authorId: article.authorId.toString(),
    title: article.title,
    slug: article.slug,
    html: rendered.html,
    excerpt: rendered.excerpt,
    readingMinutes: rendered.readingMinutes,
    tags: [...article.tags],
    visibility: article.visibility,
    status: article.status,
    cover: article.cover ? { hash: article.cover.hash, sizes: [...article.cover.sizes] } : null,
    publishedAt: article.publishedAt ? article.publishedAt.toISOString() : null,
    updatedAt: article.updatedAt.toISOString(),
  };
}
