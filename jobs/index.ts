import type { InngestFunction } from 'inngest';
import { flushArticleCounters } from './flush-article-counters';
import { notifyFriendAccepted, notifyFriendRequest } from './notify-friendship';

/** Every Inngest function of the app; /api/inngest serves these and the local executor runs them. */
export const functions: readonly InngestFunction.Any[] = [
  notifyFriendRequest,
  notifyFriendAccepted,
  flushArticleCounters,
];
