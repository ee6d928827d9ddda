import mongoose, { Schema, type Model, type Types } from 'mongoose';

/** How long a name given up in a rename stays reserved for the person who gave it up. */
export const USERNAME_HOLD_DAYS = 30;

/**
 * A username someone renamed away from: its old profile, article and feed addresses answer 308
 * to the person's current ones, and for USERNAME_HOLD_DAYS no one else may take it (the person
 * may take it back). The redirect lasts until someone else takes the name.
 */
export interface UsernameHold {
  /** The old usernameKey (lowercase): one hold per name. */
  _id: string;
  userId: Types.ObjectId;
  heldUntil: Date;
  createdAt: Date;
}

export const UsernameHoldModel: Model<UsernameHold> =
  (mongoose.models.UsernameHold as Model<UsernameHold> | undefined) ??
  mongoose.model<UsernameHold>(
    'UsernameHold',
    new Schema<UsernameHold>(
      {
        _id: { type: String, required: true },
        userId: { type: Schema.Types.ObjectId, required: true, index: true },
        heldUntil: { type: Date, required: true },
        createdAt: { type: Date, required: true },
      },
      { collection: 'username_holds' },
    ),
  );
