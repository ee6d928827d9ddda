import mongoose, { Schema, type Model } from 'mongoose';

/**
 * `intent`: announced before the change that causes it, sent by the relay only if its emitter
 * never confirmed it (it died in between); `pending`: to be sent; `failed`: given up.
 */
export type OutboxStatus = 'intent' | 'pending' | 'failed';

/**
 * One domain event waiting to be handed to Inngest or the in-process executor; deleted once
 * accepted, so the collection holds only the backlog. The event id is the document id: recording
 * the same event twice while it waits is a duplicate-key no-op.
 */
export interface OutboxEvent {
  /** The event id (deterministic where the emitter knows one, e.g. `article-published:<id>:<v>`). */
  _id: string;
  name: string;
  data: Record<string, unknown>;
  /** When the event happened (ms), sent as the event's `ts`. */
  ts: number;
  status: OutboxStatus;
  /** Sends tried so far (the emitter's own first send not counted). */
  attempts: number;
  /** When the relay may next try to send it. */
  nextAttemptAt: Date;
  createdAt: Date;
  lastError?: string | null;
}

/* Index (declared here; built with every other model's): the relay reads due pending events. */
export const OutboxEventModel: Model<OutboxEvent> =
  (mongoose.models.OutboxEvent as Model<OutboxEvent> | undefined) ??
  mongoose.model<OutboxEvent>(
    'OutboxEvent',
    new Schema<OutboxEvent>(
      {
        _id: { type: String, required: true },
        name: { type: String, required: true },
        data: { type: Schema.Types.Mixed, required: true },
        ts: { type: Number, required: true },
        status: { type: String, enum: ['intent', 'pending', 'failed'], required: true },
        attempts: { type: Number, required: true, default: 0 },
        nextAttemptAt: { type: Date, required: true },
        createdAt: { type: Date, required: true },
        lastError: { type: String, default: null },
      },
      { collection: 'outbox_events', minimize: false },
    ).index({ status: 1, nextAttemptAt: 1 }),
  );
