import { VISIBILITIES } from './visibility';
import mongoose, { Schema, type Model, type Types } from 'mongoose';
import type { ImageRef } from '@/lib/media/image-ref';
import type { Visibility } from './models';

/**
 * One kept version of a published article: what it said before an update replaced it (issue 20.4).
 * Written under the article's lock by the update itself; at most REVISIONS_KEPT per article.
 */
export interface ArticleRevision {
  _id: Types.ObjectId;
  articleId: Types.ObjectId;
  /** The article's author: account deletion and the data export find revisions by it. */
  authorId: Types.ObjectId;
  /** The article's version number when this text was current. */
  version: number;
  title: string;
  body: string;
  tags: string[];
  visibility: Visibility;
  /** The cover it had (for the record: a replaced cover's files are deleted, so none is restored). */
  cover?: ImageRef | null;
  /** When this version was saved (the article's update time then). */
  savedAt: Date;
  /** Who saved it (only the author writes an article). */
  savedBy: Types.ObjectId;
}

/** Versions kept per article: an update beyond it drops the oldest. */
export const REVISIONS_KEPT = 100;

export const ArticleRevisionModel: Model<ArticleRevision> =
  (mongoose.models.ArticleRevision as Model<ArticleRevision> | undefined) ??
  mongoose.model<ArticleRevision>(
    'ArticleRevision',
    new Schema<ArticleRevision>({
      articleId: { type: Schema.Types.ObjectId, required: true },
      authorId: { type: Schema.Types.ObjectId, required: true, index: true },
      version: { type: Number, required: true },
      title: { type: String, default: '' },
      body: { type: String, default: '' },
      tags: { type: [String], default: [] },
      visibility: { type: String, enum: VISIBILITIES, default: 'public' },
      cover: { type: { hash: String, sizes: [Number], _id: false }, default: null },
      savedAt: { type: Date, required: true },
      savedBy: { type: Schema.Types.ObjectId, required: true },
    }).index({ articleId: 1, version: -1 }, { unique: true }),
  );
