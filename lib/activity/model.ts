import mongoose, { Schema, type Model, type Types } from 'mongoose';

/**
 * - published: `actorId` published `articleId`; streams of the author's friends.
 * - befriended: `actorId` accepted `targetUserId`'s request; both of their streams.
 * - commented: `actorId` commented on `articleId` of `targetUserId`; the author's stream.
 * - liked: `actorId` liked `articleId` of `targetUserId`; grouped per article in the author's stream.
 */
export type ActivityVerb = 'published' | 'befriended' | 'commented' | 'liked';

export interface Activity {
  _id: Types.ObjectId;
  verb: ActivityVerb;
  actorId: Types.ObjectId;
  targetUserId?: Types.ObjectId | null;
  articleId?: Types.ObjectId | null;
  /** One per real-world event: a job that runs again records nothing new. */
  key: string;
  createdAt: Date;
}

export const ActivityModel: Model<Activity> =
  (mongoose.models.Activity as Model<Activity> | undefined) ??
  mongoose.model<Activity>(
    'Activity',
    new Schema<Activity>({
      verb: { type: String, required: true },
      actorId: { type: Schema.Types.ObjectId, required: true },
      targetUserId: { type: Schema.Types.ObjectId, default: null },
      articleId: { type: Schema.Types.ObjectId, default: null },
      key: { type: String, required: true, unique: true },
      createdAt: { type: Date, required: true },
    })
      .index({ actorId: 1, verb: 1, createdAt: -1 })
      .index({ targetUserId: 1, verb: 1, createdAt: -1 })
      .index({ articleId: 1 })
      // The retention job's scan for old activities.
      .index({ createdAt: 1 }),
  );
