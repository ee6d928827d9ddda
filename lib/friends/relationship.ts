import { blockedByCache, blockingCache } from './cache';
import { getPairState } from './pair';

/** How the viewer stands with another person, as the buttons on their profile show it. */
export type Relationship =
  | 'self'
  | 'none'
  | 'friends'
  | 'request-sent'
  | 'request-received'
  /** The viewer blocked them. */
  | 'blocked'
  /** They blocked the viewer: no request can be sent (and the page does not say why). */
  | 'unavailable';

export async function getRelationship(viewerId: string, otherId: string): Promise<Relationship> {
  if (viewerId === otherId) return 'self';
  const [blocking, blockedBy, pair] = await Promise.all([
    blockingCache.get(viewerId),
    blockedByCache.get(viewerId),
    getPairState(viewerId, otherId),
  ]);
  if (blocking.includes(otherId)) return 'blocked';
  if (blockedBy.includes(otherId)) return 'unavailable';
  if (pair.status === 'accepted') return 'friends';
  if (pair.status === 'pending')
    return pair.requestedBy === viewerId ? 'request-sent' : 'request-received';
  return 'none';
}
