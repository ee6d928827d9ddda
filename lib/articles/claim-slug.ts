import { Types } from 'mongoose';
import { isDuplicateKey } from '@/lib/db/errors';
import { ArticleSlugModel } from './models';
import { slugCandidates } from './slug';

/**
 * Reserves the first free slug from `base` for an article, unique per author across every slug
 * any of their articles ever had; an earlier slug of the same article is reused.
 */
export async function claimSlug(
  authorId: string,
  articleId: string,
  base: string,
): Promise<string> {
  const author = new Types.ObjectId(authorId);
  const article = new Types.ObjectId(articleId);
  for (const slug of slugCandidates(base)) {
    try {
      await ArticleSlugModel.create({ authorId: author, slug, articleId: article });
      return slug;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const holder = await ArticleSlugModel.findOne(
        { authorId: author, slug },
        { articleId: 1 },
      ).lean();
      if (holder?.articleId.equals(article)) return slug;
    }
  }
  throw new Error(`no free slug for "${base}"`);
}
