import { eventType } from 'inngest';
import { z } from 'zod';
import { TARGET_KINDS } from './models';

const objectId = z.string().regex(/^[a-f0-9]{24}$/);

/**
 * A moderator handled a case (`action`): the job tells the item's author (hidden, or the outcome
 * of their appeal) and every reporter of that round, once each (keyed notifications).
 */
export const caseHandled = eventType('moderation/case.handled', {
  schema: z.object({
    caseId: objectId,
    round: z.number().int().min(1),
    action: z.enum(['hide', 'suspend', 'dismiss', 'restore', 'keep-hidden']),
  }),
});

/**
 * An item was hidden by a moderator (or shown again: `moderation/item.restored`). For what keeps
 * its own copy of content, such as a search index: remove it, or put it back. The item's own
 * domain has already left it out of every page, list, stream, feed and cached object.
 */
export const itemHidden = eventType('moderation/item.hidden', {
  schema: z.object({ kind: z.enum(TARGET_KINDS), id: objectId, authorId: objectId }),
});

export const itemRestored = eventType('moderation/item.restored', {
  schema: z.object({ kind: z.enum(TARGET_KINDS), id: objectId, authorId: objectId }),
});
