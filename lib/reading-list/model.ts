import mongoose, { Schema, type Model, type Types } from 'mongoose';

/** An article a reader saved to read later: one per reader and article. */
export interface SavedArticle {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  articleId: Types.ObjectId;
  savedAt: Date;
}

export const SavedArticleModel: Model<SavedArticle> =
  (mongoose.models.SavedArticle as Model<SavedArticle> | undefined) ??
  mongoose.model<SavedArticle>(
    'SavedArticle',
    new Schema<SavedArticle>({
      userId: { type: Schema.Types.ObjectId, required: true },
      articleId: { type: Schema.Types.ObjectId, required: true },
      savedAt: { type: Date, required: true },
    })
      .index({ userId: 1, articleId: 1 }, { unique: true })
      .index({ userId: 1, savedAt: -1 }),
  );
