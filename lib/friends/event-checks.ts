import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { BlockModel, FriendshipModel, pairKeyOf } from './models';

/*
 * What the friendship jobs check in MongoDB before they act on an event: an event is only a
 * claim (it may be stale, replayed, or sent by whoever holds an Inngest event key), MongoDB is
 * the truth.
 */

const sameInstant = (stored: Date | null | undefined, claimed: string) =>
  stored instanceof Date && stored.getTime() === Date.parse(claimed);

const validIds = (...ids: string[]) => ids.every((id) => Types.ObjectId.isValid(id));

async function pair(a: string, b: string) {
  await connectDb();
  return FriendshipModel.findOne(
    { pairKey: pairKeyOf(a, b) },
    { status: 1, requestedBy: 1, requestedAt: 1, acceptedAt: 1 },
  ).lean();
}

/** `from` asked `to` at `requestedAt`, and that request still stands (pending, or accepted since). */
export async function isRequestAsAnnounced(claim: {
  from: string;
  to: string;
  requestedAt: string;
}): Promise<boolean> {
  if (!validIds(claim.from, claim.to) || claim.from === claim.to) return false;
  const row = await pair(claim.from, claim.to);
  return (
    row !== null &&
    row.requestedBy.equals(claim.from) &&
    sameInstant(row.requestedAt, claim.requestedAt)
  );
}

/** `accepter` accepted `requester`'s request at `acceptedAt`, and they are still friends. */
export async function isFriendshipAsAnnounced(claim: {
  requester: string;
  accepter: string;
  acceptedAt: string;
}): Promise<boolean> {
  if (!validIds(claim.requester, claim.accepter) || claim.requester === claim.accepter)
    return false;
  const row = await pair(claim.requester, claim.accepter);
  return (
    row !== null &&
    row.status === 'accepted' &&
    row.requestedBy.equals(claim.requester) &&
    sameInstant(row.acceptedAt, claim.acceptedAt)
  );
}

/** `a` and `b` are not friends (an unfriending that was undone since leaves their streams be). */
export async function areNotFriends(a: string, b: string): Promise<boolean> {
  if (!validIds(a, b)) return false;
  const row = await pair(a, b);
  return row === null || row.status !== 'accepted';
}

/** `blocker` blocks `blocked` now. */
export async function isBlocking(blocker: string, blocked: string): Promise<boolean> {
  if (!validIds(blocker, blocked)) return false;
  await connectDb();
  return (
    (await BlockModel.exists({
      blocker: new Types.ObjectId(blocker),
      blocked: new Types.ObjectId(blocked),
    })) !== null
  );
}
