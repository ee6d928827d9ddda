import mongoose, { Schema, type Model, type Types } from 'mongoose';

/** What can be reported: an article, a comment, a person's profile. */
export const TARGET_KINDS = ['article', 'comment', 'profile'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export const REPORT_REASONS = ['spam', 'harassment', 'illegal', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** What a moderator (or an admin) did; every one lands in the audit log with a reason. */
export const MODERATION_ACTIONS = [
  'hide',
  'suspend',
  'dismiss',
  /** An appeal granted: the hidden item may be shown again. */
  'restore',
  /** An appeal refused: the item stays hidden. */
  'keep-hidden',
  'grant-moderator',
  'revoke-moderator',
  'grant-admin',
  'revoke-admin',
  /** A suspension lifted early, on the command line. */
  'unsuspend',
] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

export type CaseOutcome = Extract<
  ModerationAction,
  'hide' | 'suspend' | 'dismiss' | 'restore' | 'keep-hidden'
>;

/**
 * One queue entry per reported item (unique `targetKey`): every report of it while it is open
 * counts into it. Handled, it leaves the queue; a new report opens it again (a new `round`), and
 * the author's appeal of a hiding brings it back as `appealed`.
 */
export interface ModerationCase {
  _id: Types.ObjectId;
  targetKind: TargetKind;
  targetId: Types.ObjectId;
  /** `<kind>:<id>`: one case per item. */
  targetKey: string;
  /** Whose item it is (the person, for a profile). */
  authorId: Types.ObjectId;
  status: 'open' | 'handled' | 'appealed';
  round: number;
  /** Reports in this round, one per reporter, and how many gave each reason. */
  reportCount: number;
  reasons: Record<ReportReason, number>;
  /** The reporters' notes of this round, the newest 10. */
  notes: string[];
  /** When it joined the queue (this round, or the appeal): the queue is oldest first. */
  openedAt: Date;
  outcome: {
    action: CaseOutcome;
    reason: string;
    moderatorId: Types.ObjectId;
    at: Date;
    until?: Date | null;
  } | null;
  /** Whether the item is hidden now because of this case. */
  hidden: boolean;
  /** The author's one appeal of a hiding. */
  appeal: { text: string; at: Date } | null;
}

const zeroReasons = () => ({ spam: 0, harassment: 0, illegal: 0, other: 0 });

export const ModerationCaseModel: Model<ModerationCase> =
  (mongoose.models.ModerationCase as Model<ModerationCase> | undefined) ??
  mongoose.model<ModerationCase>(
    'ModerationCase',
    new Schema<ModerationCase>({
      targetKind: { type: String, enum: TARGET_KINDS, required: true },
      targetId: { type: Schema.Types.ObjectId, required: true },
      targetKey: { type: String, required: true, unique: true },
      authorId: { type: Schema.Types.ObjectId, required: true, index: true },
      status: { type: String, enum: ['open', 'handled', 'appealed'], default: 'open' },
      round: { type: Number, default: 1 },
      reportCount: { type: Number, default: 0 },
      reasons: {
        type: new Schema(
          { spam: Number, harassment: Number, illegal: Number, other: Number },
          { _id: false },
        ),
        default: zeroReasons,
      },
      notes: { type: [String], default: [] },
      openedAt: { type: Date, required: true },
      outcome: {
        type: new Schema(
          {
            action: String,
            reason: String,
            moderatorId: Schema.Types.ObjectId,
            at: Date,
            until: Date,
          },
          { _id: false },
        ),
        default: null,
      },
      hidden: { type: Boolean, default: false },
      appeal: { type: new Schema({ text: String, at: Date }, { _id: false }), default: null },
    }).index({ status: 1, openedAt: 1 }),
  );

/** One person's report of an item, once per round of its case (a second one changes nothing). */
export interface Report {
  _id: Types.ObjectId;
  caseId: Types.ObjectId;
  round: number;
  reporterId: Types.ObjectId;
  reason: ReportReason;
  note: string;
  createdAt: Date;
}

export const ReportModel: Model<Report> =
  (mongoose.models.Report as Model<Report> | undefined) ??
  mongoose.model<Report>(
    'Report',
    new Schema<Report>({
      caseId: { type: Schema.Types.ObjectId, required: true },
      round: { type: Number, required: true },
      reporterId: { type: Schema.Types.ObjectId, required: true, index: true },
      reason: { type: String, enum: REPORT_REASONS, required: true },
      note: { type: String, default: '' },
      createdAt: { type: Date, required: true },
    }).index({ caseId: 1, round: 1, reporterId: 1 }, { unique: true }),
  );

/** The audit log: who did what to what, when and why. Written once, never changed. */
export interface AuditEntry {
  _id: Types.ObjectId;
  actorId: Types.ObjectId | null;
  /** `cli` for a role given on the command line. */
  actorLabel: string;
  action: ModerationAction;
  targetKind: TargetKind | 'user';
  targetId: Types.ObjectId;
  /** The person concerned (the item's author, the suspended or promoted person). */
  subjectId: Types.ObjectId;
  caseId: Types.ObjectId | null;
  reason: string;
  until: Date | null;
  at: Date;
}

export const AuditEntryModel: Model<AuditEntry> =
  (mongoose.models.AuditEntry as Model<AuditEntry> | undefined) ??
  mongoose.model<AuditEntry>(
    'AuditEntry',
    new Schema<AuditEntry>(
      {
        actorId: { type: Schema.Types.ObjectId, default: null },
        actorLabel: { type: String, required: true },
        action: { type: String, enum: MODERATION_ACTIONS, required: true },
        targetKind: { type: String, required: true },
        targetId: { type: Schema.Types.ObjectId, required: true },
        subjectId: { type: Schema.Types.ObjectId, required: true, index: true },
        caseId: { type: Schema.Types.ObjectId, default: null },
        reason: { type: String, required: true },
        until: { type: Date, default: null },
        at: { type: Date, required: true },
      },
      { collection: 'moderation_audit' },
    ).index({ at: -1 }),
  );
