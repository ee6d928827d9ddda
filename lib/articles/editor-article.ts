import type { ImageRef } from '@/lib/media/image-ref';
import type { Article, ArticleStatus, Visibility } from './models';

/** What the editor works on (the author's own article, draft or published). */
export interface EditorArticle {
  id: string;
  title: string;
  body: string;
  tags: string[];
  visibility: Visibility;
  status: ArticleStatus;
  slug: string;
  version: number;
  publishedAt: string | null;
  /** When a draft is scheduled to be published (ISO), or null. */
  scheduledFor: string | null;
  cover: ImageRef | null;
}

export function toEditorArticle(article: Article): EditorArticle {
  return {
    id: article._id.toString(),
    title: article.title,
    body: article.body,
    tags: [...article.tags],
    visibility: article.visibility,
    status: article.status,
    slug: article.slug,
    version: article.version,
    publishedAt: article.publishedAt ? article.publishedAt.toISOString() : null,
    scheduledFor: article.scheduledFor ? article.scheduledFor.toISOString() : null,
    cover: article.cover ? { hash: article.cover.hash, sizes: [...article.cover.sizes] } : null,
  };
}
