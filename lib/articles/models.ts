import mongoose, { Schema, type Model, type Types } from 'mongoose';
import type { ImageRef } from '@/lib/media/image-ref';
import { VISIBILITIES, type Visibility } from './visibility';

export type { Visibility } from './visibility';
export type ArticleStatus = 'draft' | 'published';

export interface Article {
  _id: Types.ObjectId;
  authorId: Types.ObjectId;
  title: string;
  /** The current slug; earlier ones stay in `article_slugs` and redirect here. */
  slug: string;
  body: string;
  tags: string[];
  visibility: Visibility;
  status: ArticleStatus;
  cover?: ImageRef | null;
  /**
   * Bumped on every change of what the editor sends (text, tags, visibility) and of the article's
   * state (publication, schedule): the base a save is checked against. The cover has its own
   * writes (cover.ts) and leaves it alone.
   */
  version: number;
  publishedAt?: Date | null;
  likeCount: number;
  commentCount: number;
  viewCount: number;
  /** The last counter batch applied: a retried batch is not added twice. */
  lastCounterBatch?: string | null;
  /** Why the rendering recheck took this article back to draft (cleared when it is published again). */
  renderRefusal?: string | null;
  /**
   * Set when a moderator hid the article (lib/moderation): it was taken back to draft and cannot
   * be published or scheduled again until the hiding is lifted on appeal.
   */
  hiddenAt?: Date | null;
  /** A draft to be published at this time (by the publish-scheduled-article job); null: none. */
  scheduledFor?: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const ArticleModel: Model<Article> =
  (mongoose.models.Article as Model<Article> | undefined) ??
  mongoose.model<Article>(
    'Article',
    new Schema<Article>(
      {
        authorId: { type: Schema.Types.ObjectId, required: true },
        title: { type: String, default: '' },
        slug: { type: String, required: true },
        body: { type: String, default: '' },
        tags: { type: [String], default: [] },
        visibility: { type: String, enum: VISIBILITIES, default: 'public' },
        status: { type: String, enum: ['draft', 'published'], default: 'draft' },
        cover: { type: { hash: String, sizes: [Number], _id: false }, default: null },
        version: { type: Number, default: 1 },
        publishedAt: { type: Date, default: null },
        likeCount: { type: Number, default: 0 },
        commentCount: { type: Number, default: 0 },
        viewCount: { type: Number, default: 0 },
        lastCounterBatch: { type: String, default: null },
        renderRefusal: { type: String, default: null },
        hiddenAt: { type: Date, default: null },
        scheduledFor: { type: Date, default: null },
      },
      { timestamps: true },
    )
      .index({ authorId: 1, status: 1, publishedAt: -1 })
      .index({ status: 1, visibility: 1, publishedAt: -1 })
      .index({ tags: 1, publishedAt: -1 }),
  );

/** Every slug an article ever had, unique per author: old URLs keep working and never collide. */
export interface ArticleSlug {
  _id: Types.ObjectId;
  authorId: Types.ObjectId;
  slug: string;
  articleId: Types.ObjectId;
}

export const ArticleSlugModel: Model<ArticleSlug> =
  (mongoose.models.ArticleSlug as Model<ArticleSlug> | undefined) ??
  mongoose.model<ArticleSlug>(
    'ArticleSlug',
    new Schema<ArticleSlug>({
      authorId: { type: Schema.Types.ObjectId, required: true },
      slug: { type: String, required: true },
      articleId: { type: Schema.Types.ObjectId, required: true, index: true },
    }).index({ authorId: 1, slug: 1 }, { unique: true }),
  );

export interface Comment {
  _id: Types.ObjectId;
  articleId: Types.ObjectId;
  authorId: Types.ObjectId;
  /** The comment (or reply) this one answers; null for a comment on the article itself. */
  parentId?: Types.ObjectId | null;
  /**
   * Every comment above it, the top-level one first (deleting one deletes its whole subtree).
   * Replies written before nesting have none: their parentId is their only ancestor.
   */
  ancestorIds?: Types.ObjectId[];
  /** Markdown source, as written (shown again in the edit form). */
  body: string;
  /** The body rendered and sanitised when written; comments from before Markdown have none. */
  html?: string | null;
  createdAt: Date;
  editedAt?: Date | null;
  /** Set when a moderator hid it: left out of the thread for everyone, with its replies. */
  hiddenAt?: Date | null;
}

export const CommentModel: Model<Comment> =
  (mongoose.models.Comment as Model<Comment> | undefined) ??
  mongoose.model<Comment>(
    'Comment',
    new Schema<Comment>({
      articleId: { type: Schema.Types.ObjectId, required: true },
      authorId: { type: Schema.Types.ObjectId, required: true },
      parentId: { type: Schema.Types.ObjectId, default: null },
      ancestorIds: { type: [Schema.Types.ObjectId], default: undefined },
      body: { type: String, required: true },
      html: { type: String, default: null },
      createdAt: { type: Date, required: true },
      editedAt: { type: Date, default: null },
      hiddenAt: { type: Date, default: null },
    }).index({ articleId: 1, createdAt: 1 }),
  );

export interface Like {
  _id: Types.ObjectId;
  articleId: Types.ObjectId;
  userId: Types.ObjectId;
  createdAt: Date;
}

export const LikeModel: Model<Like> =
  (mongoose.models.Like as Model<Like> | undefined) ??
  mongoose.model<Like>(
    'Like',
    new Schema<Like>({
      articleId: { type: Schema.Types.ObjectId, required: true },
      userId: { type: Schema.Types.ObjectId, required: true },
      createdAt: { type: Date, required: true },
    }).index({ articleId: 1, userId: 1 }, { unique: true }),
  );
