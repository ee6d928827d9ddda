import { withStamps } from '@/lib/cache/change-clock';
import { blockedEitherWay, friendsCache } from '@/lib/friends/cache';
import { cacheRedis } from '@/lib/redis';
import { streamIndex } from './cache';

export const FAN_OUT_BATCH = 1_000;

/** Who receives an author's activity: their friends, minus anyone in a block with them. */
export async function fanOutRecipients(authorId: string): Promise<string[]> {
  const [friends, blocked] = await Promise.all([
    friendsCache.get(authorId),
    blockedEitherWay(authorId),
  ]);
  return friends.filter((id) => !blocked.has(id));
}

/**
 * Puts one entry into many streams in one pipelined round trip. ZADD of the same member with the
 * same score changes nothing, so a retried batch never duplicates an entry.
 */
export async function deliverToStreams(
  recipients: readonly string[],
  member: string,
  score: number,
): Promise<number> {
  if (recipients.length === 0) return 0;
  await cacheRedis().all(
    withStamps(recipients.map((userId) => streamIndex.change(userId, 'add', member, score, true))),
  );
  return recipients.length;
}

/** Removes entries from many streams (retraction, unfriend, block). */
export async function removeFromStreams(
  recipients: readonly string[],
  members: readonly string[],
): Promise<void> {
  const changes = recipients.flatMap((userId) =>
    members.map((member) => streamIndex.change(userId, 'remove', member)),
  );
  for (let start = 0; start < changes.length; start += FAN_OUT_BATCH) {
    await cacheRedis().all(withStamps(changes.slice(start, start + FAN_OUT_BATCH)));
  }
}
