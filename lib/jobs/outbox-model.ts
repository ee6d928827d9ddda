import mongoose, { Schema, type Model } from 'mongoose';

export type OutboxStatus = 'pending' | 'delivered' | 'failed';

/**
 * One domain event waiting to be (or already) handed to Inngest or the in-process executor. The
 * event id is the document id: recording the same event twice is a duplicate-key no-op.
 */
export interface OutboxEvent {
  /** The event id (deterministic where the emitter knows one, e.g. `article-published:<id>:<v>`). */
  _id: string;
  name: string;
  /** The payload; dropped once delivered (mail events carry links that must not linger). */
  data?: Record<string, unknown> | null;
  /** When the event happened (ms), sent as the event's `ts`. */
  ts: number;
  status: OutboxStatus;
  /** Sends tried so far (the emitter's own first send not counted). */
  attempts: number;
  /** When the relay may next try to send it. */
  nextAttemptAt: Date;
  createdAt: Date;
  deliveredAt?: Date | null;
  lastError?: string | null;
}

/*
 * Indexes (declared here; built with every other model's): the relay reads due pending events by
 * (status, nextAttemptAt) and prunes delivered ones by (status, deliveredAt).
 */
export const OutboxEventModel: Model<OutboxEvent> =
  (mongoose.models.OutboxEvent as Model<OutboxEvent> | undefined) ??
  mongoose.model<OutboxEvent>(
    'OutboxEvent',
    new Schema<OutboxEvent>(
      {
        _id: { type: String, required: true },
        name: { type: String, required: true },
        data: { type: Schema.Types.Mixed, default: null },
        ts: { type: Number, required: true },
        status: { type: String, enum: ['pending', 'delivered', 'failed'], required: true },
        attempts: { type: Number, required: true, default: 0 },
        nextAttemptAt: { type: Date, required: true },
        createdAt: { type: Date, required: true },
        deliveredAt: { type: Date, default: null },
        lastError: { type: String, default: null },
      },
      { collection: 'outbox_events', minimize: false },
    )
      .index({ status: 1, nextAttemptAt: 1 })
      .index({ status: 1, deliveredAt: 1 }),
  );
