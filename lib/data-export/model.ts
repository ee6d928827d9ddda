import mongoose, { Schema, type Model, type Types } from 'mongoose';

/** How long a finished export can be downloaded; the trim job deletes it afterwards. */
export const EXPORT_LIFETIME_DAYS = 7;
/** An export still preparing after this long failed for good (its job gave up): trimmed too. */
export const EXPORT_GIVE_UP_HOURS = 24;

export type DataExportStatus = 'preparing' | 'ready';

/** One "Download your data" request and, once built, its zip (GridFS bucket `exports`). */
export interface DataExport {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  status: DataExportStatus;
  requestedAt: Date;
  readyAt: Date | null;
  /** Ready exports: when the link stops working and the file is deleted. */
  expiresAt: Date | null;
  /** The zip's GridFS file name, once built. */
  fileName: string | null;
  size: number | null;
}

export const DataExportModel: Model<DataExport> =
  (mongoose.models.DataExport as Model<DataExport> | undefined) ??
  mongoose.model<DataExport>(
    'DataExport',
    new Schema<DataExport>(
      {
        userId: { type: Schema.Types.ObjectId, required: true },
        status: { type: String, enum: ['preparing', 'ready'], required: true },
        requestedAt: { type: Date, required: true },
        readyAt: { type: Date, default: null },
        expiresAt: { type: Date, default: null },
        fileName: { type: String, default: null },
        size: { type: Number, default: null },
      },
      { collection: 'data_exports' },
    )
      .index({ userId: 1, requestedAt: -1 })
      // The trim job's scan (no TTL index: FerretDB v1 has none, and the file must go too).
      .index({ requestedAt: 1 }),
  );
