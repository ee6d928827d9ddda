import mongoose, { Schema, type Model, type Types } from 'mongoose';

/** `userId` muted `mutedId`: one-way and private to `userId` (the muted person is never told). */
export interface Mute {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  mutedId: Types.ObjectId;
  createdAt: Date;
}

export const MuteModel: Model<Mute> =
  (mongoose.models.Mute as Model<Mute> | undefined) ??
  mongoose.model<Mute>(
    'Mute',
    new Schema<Mute>({
      userId: { type: Schema.Types.ObjectId, required: true },
      // Account deletion finds the mutes of a deleted person by it.
      mutedId: { type: Schema.Types.ObjectId, required: true, index: true },
      createdAt: { type: Date, required: true },
    }).index({ userId: 1, mutedId: 1 }, { unique: true }),
  );
