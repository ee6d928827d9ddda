import mongoose, { Schema, type Model, type Types } from 'mongoose';

/** A GitHub or Google identity linked to an account (model only: migrations import it). */
export interface OAuthLink {
  provider: string;
  providerAccountId: string;
  userId: Types.ObjectId;
}

export const OAuthLinkModel: Model<OAuthLink> =
  (mongoose.models.OAuthLink as Model<OAuthLink> | undefined) ??
  mongoose.model<OAuthLink>(
    'OAuthLink',
    new Schema<OAuthLink>({
      provider: { type: String, required: true },
      providerAccountId: { type: String, required: true },
      userId: { type: Schema.Types.ObjectId, ref: 'User', required: true, index: true },
    }).index({ provider: 1, providerAccountId: 1 }, { unique: true }),
  );
