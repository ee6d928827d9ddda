import mongoose, { Schema, type HydratedDocument, type Model, type Types } from 'mongoose';
import type { ImageRef } from '@/lib/media/image-ref';

export interface ProfileLink {
  label: string;
  url: string;
}

/** member: everyone; moderator: works the moderation queue; admin: also names moderators. */
export const ROLES = ['member', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  _id: Types.ObjectId;
  email: string;
  /** As the person typed it (letters keep their case). */
  username: string;
  /** Lowercased: unique, and the key of /u/[username]. */
  usernameKey: string;
  passwordHash?: string;
  displayName: string;
  bio: string;
  links: ProfileLink[];
  avatar?: ImageRef | null;
  friendCount: number;
  debugPanel: boolean;
  passwordChangedAt?: Date;
  /** Absent on accounts made before roles: a member. */
  role?: Role;
  /** Suspended by a moderator until then: no sign-in, no session (lib/moderation). */
  suspendedUntil?: Date | null;
  /** Set when the person deleted their account: unusable at once, purged by a job, then removed. */
  deletedAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const userSchema = new Schema<User>(
  {
    email: { type: String, required: true, unique: true },
    username: { type: String, required: true },
    usernameKey: { type: String, required: true, unique: true },
    passwordHash: { type: String },
    displayName: { type: String, required: true },
    bio: { type: String, default: '' },
    links: { type: [{ label: String, url: String, _id: false }], default: [] },
    avatar: { type: { hash: String, sizes: [Number], _id: false }, default: null },
    friendCount: { type: Number, default: 0 },
    debugPanel: { type: Boolean, default: false },
    passwordChangedAt: { type: Date },
    deletedAt: { type: Date, default: null },
    role: { type: String, enum: ROLES, default: 'member' },
    suspendedUntil: { type: Date, default: null },
  },
  { timestamps: true },
).index({ deletedAt: 1 });

export type UserDocument = HydratedDocument<User>;

export const UserModel: Model<User> =
  (mongoose.models.User as Model<User> | undefined) ?? mongoose.model<User>('User', userSchema);
