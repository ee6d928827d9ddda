import type { InngestFunction } from 'inngest';
import {
  fanOutPublishedArticle,
  retractWithdrawnArticle,
  syncArticleListing,
} from './activity-articles';
import { recordFriendship, separateStreams } from './activity-friends';
import { deleteAccountJob, resumeAccountDeletions } from './delete-account';
import { streamComment, streamLike } from './activity-reactions';
import { buildDataExport, trimDataExportsJob } from './data-export';
import { flushArticleCounters } from './flush-article-counters';
import { notifyModerationOutcome } from './moderation';
import { notifyCommentReply } from './notify-comment-reply';
import { notifyFriendAccepted, notifyFriendRequest } from './notify-friendship';
import { pruneChangeStamps } from './prune-change-stamps';
import { publishScheduledArticle } from './publish-scheduled-article';
import { recheckArticleRendering } from './recheck-article-rendering';
import {
  indexArticleForSearch,
  indexPersonForSearch,
  rebuildSearchIndex,
  syncModeratedItemToSearch,
} from './search-index';
import { sendMail } from './send-mail';
import { trimOldRecords } from './trim-old-records';

/** Every Inngest function of the app; /api/inngest serves these and the local executor runs them. */
export const functions: readonly InngestFunction.Any[] = [
  notifyFriendRequest,
  notifyFriendAccepted,
  flushArticleCounters,
  pruneChangeStamps,
  sendMail,
  fanOutPublishedArticle,
  retractWithdrawnArticle,
  syncArticleListing,
  recordFriendship,
  separateStreams,
  streamComment,
  notifyCommentReply,
  streamLike,
  recheckArticleRendering,
  trimOldRecords,
  publishScheduledArticle,
  buildDataExport,
  trimDataExportsJob,
  deleteAccountJob,
  resumeAccountDeletions,
  notifyModerationOutcome,
  indexArticleForSearch,
  indexPersonForSearch,
  rebuildSearchIndex,
  syncModeratedItemToSearch,
];
