import mongoose, { Schema, type Model, type Types } from 'mongoose';

/** A passkey (WebAuthn credential) someone added in settings: one document per credential. */
export interface Passkey {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  /** The credential id (base64url), as the authenticator names it: unique across everyone. */
  credentialId: string;
  /** COSE public key as the authenticator gave it at registration, base64url (a plain string
   *  reads back the same from MongoDB and FerretDB, lean or not). */
  publicKey: string;
  /** Signature counter: a response that does not move it forward (a cloned key) is refused. */
  counter: number;
  transports: string[];
  /** `multiDevice` for synced passkeys, `singleDevice` for hardware-bound ones. */
  deviceType: string;
  backedUp: boolean;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export const PasskeyModel: Model<Passkey> =
  (mongoose.models.Passkey as Model<Passkey> | undefined) ??
  mongoose.model<Passkey>(
    'Passkey',
    new Schema<Passkey>({
      userId: { type: Schema.Types.ObjectId, ref: 'User', required: true, index: true },
      credentialId: { type: String, required: true, unique: true },
      publicKey: { type: String, required: true },
      counter: { type: Number, required: true, default: 0 },
      transports: { type: [String], default: [] },
      deviceType: { type: String, required: true },
      backedUp: { type: Boolean, required: true },
      name: { type: String, required: true },
      createdAt: { type: Date, required: true },
      lastUsedAt: { type: Date, default: null },
    }),
  );

/** One recovery code of a person who requires a second step: only its keyed digest is stored. */
export interface RecoveryCode {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  digest: string;
  createdAt: Date;
}

export const RecoveryCodeModel: Model<RecoveryCode> =
  (mongoose.models.RecoveryCode as Model<RecoveryCode> | undefined) ??
  mongoose.model<RecoveryCode>(
    'RecoveryCode',
    new Schema<RecoveryCode>(
      {
        userId: { type: Schema.Types.ObjectId, ref: 'User', required: true, index: true },
        digest: { type: String, required: true, unique: true },
        createdAt: { type: Date, required: true },
      },
      { collection: 'recovery_codes' },
    ),
  );

/** Two-step sign-in: present for a person who requires a passkey or code after the password. */
export interface TwoStep {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  enabledAt: Date;
}

export const TwoStepModel: Model<TwoStep> =
  (mongoose.models.TwoStep as Model<TwoStep> | undefined) ??
  mongoose.model<TwoStep>(
    'TwoStep',
    new Schema<TwoStep>(
      {
        userId: { type: Schema.Types.ObjectId, ref: 'User', required: true, unique: true },
        enabledAt: { type: Date, required: true },
      },
      { collection: 'two_step' },
    ),
  );
