import type { Types } from 'mongoose';
import { commentAnchor } from '@/lib/articles/comment-anchor';
import { ArticleModel, CommentModel } from '@/lib/articles/models';
import { connectDb } from '@/lib/db/connection';
import { UserModel } from '@/lib/users/user-model';
import type { TargetKind } from './models';

/** What a moderator (or the item's author) reads of a reported item, straight from MongoDB. */
export interface TargetContent {
  /** "Article “Title”", "Comment on “Title”", "Profile of Name". */
  label: string;
  text: string;
  /** Where it is shown, while it is. */
  path: string | null;
}

const EXCERPT = 600;

function excerpt(text: string): string {
  return text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text;
}

/** The reported content, as stored now (hidden items included: moderators and authors see it). */
export async function describeTarget(kind: TargetKind, id: Types.ObjectId): Promise<TargetContent> {
  await connectDb();
  if (kind === 'profile') {
    const user = await UserModel.findById(id, { displayName: 1, usernameKey: 1, bio: 1 }).lean();
    if (!user) return { label: 'A deleted profile', text: '', path: null };
    return {
      label: `Profile of ${user.displayName}`,
      text: excerpt(user.bio),
      path: `/u/${user.usernameKey}`,
    };
  }
  const comment =
    kind === 'comment' ? await CommentModel.findById(id, { articleId: 1, body: 1 }).lean() : null;
  const articleId = kind === 'comment' ? comment?.articleId : id;
  const article = articleId
    ? await ArticleModel.findById(articleId, {
        title: 1,
        body: 1,
        slug: 1,
        authorId: 1,
        status: 1,
      }).lean()
    : null;
  if (!article || (kind === 'comment' && !comment))
    return { label: `A deleted ${kind}`, text: '', path: null };
  const author = await UserModel.findById(article.authorId, { usernameKey: 1 }).lean();
  const articlePath =
    author && article.status === 'published' ? `/u/${author.usernameKey}/${article.slug}` : null;
  if (kind === 'article')
    return { label: `Article “${article.title}”`, text: excerpt(article.body), path: articlePath };
  return {
    label: `Comment on “${article.title}”`,
    text: excerpt(comment?.body ?? ''),
    path: articlePath && comment ? `${articlePath}#${commentAnchor(comment._id.toString())}` : null,
  };
}
