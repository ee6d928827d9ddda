import 'server-only';
import { announceEvents } from '@/lib/jobs/event-intent';
import { recordAudit } from './audit';
import { caseHandled, itemHidden, itemRestored } from './events';
import { ModerationCaseModel, type CaseOutcome, type ModerationCase } from './models';

/**
 * Records a moderator's decision on a case after it took effect: the case leaves the queue with
 * its outcome, the audit log gets its entry, and the events go out (the notifications job; the
 * hidden or restored item for whatever keeps copies of content) through the outbox. Only the case
 * as it was read is closed: false (nothing written, no event sent) when another decision closed
 * it meanwhile, whose outcome stands.
 */
export async function closeCase(
  current: ModerationCase,
  outcome: { action: CaseOutcome; reason: string; until: Date | null },
  moderator: { id: string; username: string },
): Promise<boolean> {
  const caseId = current._id.toString();
  const item = {
    kind: current.targetKind,
    id: current.targetId.toString(),
    authorId: current.authorId.toString(),
  };
  const key = `${caseId}:${current.round}:${outcome.action}`;
  const events = [
    caseHandled.create(
      { caseId, round: current.round, action: outcome.action },
      { id: `case-handled:${key}` },
    ),
    ...(outcome.action === 'hide' ? [itemHidden.create(item, { id: `item-hidden:${key}` })] : []),
    ...(outcome.action === 'restore'
      ? [itemRestored.create(item, { id: `item-restored:${key}` })]
      : []),
  ];
  const hidden =
    outcome.action === 'hide' ? true : outcome.action === 'restore' ? false : current.hidden;
  const intent = await announceEvents(events);
  const closed = await ModerationCaseModel.updateOne(
    { _id: current._id, round: current.round, status: current.status },
    {
      $set: {
        status: 'handled',
        hidden,
        outcome: {
          action: outcome.action,
          reason: outcome.reason,
          moderatorId: moderator.id,
          at: new Date(),
          until: outcome.until,
        },
      },
    },
  );
  if (closed.matchedCount === 0) {
    await intent.cancel();
    return false;
  }
  await recordAudit({
    actorId: moderator.id,
    actorLabel: moderator.username,
    action: outcome.action,
    targetKind: current.targetKind,
    targetId: item.id,
    subjectId: item.authorId,
    caseId,
    reason: outcome.reason,
    until: outcome.until,
  });
  await intent.confirm();
  return true;
}
