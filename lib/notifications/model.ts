import mongoose, { Schema, type Model, type Types } from 'mongoose';

export type NotificationKind =
  | 'friend-request'
  | 'friend-accepted'
  | 'comment'
  /** Someone replied to the person's comment (key `comment-reply:<reply id>`, or `comment:`). */
  | 'comment-reply'
  | 'like'
  /** About the person's own scheduled article: published, or not (back among the drafts). */
  | 'scheduled-published'
  | 'scheduled-failed'
  /** The person's own data export is ready (subjectId: the export). */
  | 'data-export'
  /** Moderators hid one of the person's items, or decided their appeal (subjectId: the case). */
  | 'moderation'
  /** A report the person sent was handled (subjectId: the case; never says by whom). */
  | 'report-handled';

export interface Notification {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  kind: NotificationKind;
  actorId: Types.ObjectId;
  /** What it is about (an article), when anything. */
  subjectId?: Types.ObjectId | null;
  /** Unique per real-world event: a job that runs twice writes one notification. */
  key: string;
  createdAt: Date;
  readAt: Date | null;
}

export const NotificationModel: Model<Notification> =
  (mongoose.models.Notification as Model<Notification> | undefined) ??
  mongoose.model<Notification>(
    'Notification',
    new Schema<Notification>({
      userId: { type: Schema.Types.ObjectId, required: true },
      kind: { type: String, required: true },
      actorId: { type: Schema.Types.ObjectId, required: true },
      subjectId: { type: Schema.Types.ObjectId, default: null },
      key: { type: String, required: true, unique: true },
      createdAt: { type: Date, required: true },
      readAt: { type: Date, default: null },
    })
      .index({ userId: 1, createdAt: -1 })
      // The retention job's scan for old notifications.
      .index({ createdAt: 1 }),
  );
