import mongoose, { Schema, type Model, type Types } from 'mongoose';

export type FriendshipStatus = 'pending' | 'accepted';

/** One document per pair of people, whoever asked first: the unique pair key makes it so. */
export interface Friendship {
  _id: Types.ObjectId;
  /** The two user ids, smaller first, joined by ":". */
  pairKey: string;
  users: [Types.ObjectId, Types.ObjectId];
  status: FriendshipStatus;
  requestedBy: Types.ObjectId;
  requestedAt: Date;
  acceptedAt?: Date | null;
}

export const FriendshipModel: Model<Friendship> =
  (mongoose.models.Friendship as Model<Friendship> | undefined) ??
  mongoose.model<Friendship>(
    'Friendship',
    new Schema<Friendship>({
      pairKey: { type: String, required: true, unique: true },
      users: { type: [Schema.Types.ObjectId], required: true },
      status: { type: String, enum: ['pending', 'accepted'], required: true },
      requestedBy: { type: Schema.Types.ObjectId, required: true },
      requestedAt: { type: Date, required: true },
      acceptedAt: { type: Date, default: null },
    }).index({ users: 1, status: 1 }),
  );

/** `blocker` blocked `blocked`; each direction is its own document. */
export interface Block {
  _id: Types.ObjectId;
  blocker: Types.ObjectId;
  blocked: Types.ObjectId;
  createdAt: Date;
}

export const BlockModel: Model<Block> =
  (mongoose.models.Block as Model<Block> | undefined) ??
  mongoose.model<Block>(
    'Block',
    new Schema<Block>({
      blocker: { type: Schema.Types.ObjectId, required: true },
      blocked: { type: Schema.Types.ObjectId, required: true, index: true },
      createdAt: { type: Date, required: true },
    }).index({ blocker: 1, blocked: 1 }, { unique: true }),
  );

export function pairKeyOf(a: string, b: string): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}
