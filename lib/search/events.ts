import { eventType } from 'inngest';
import { z } from 'zod';

/**
 * Rebuilds the search index from MongoDB (an empty or lost index, a new engine): every published
 * listed article, every person, every tag. Safe to send again at any time.
 */
export const searchRebuildRequested = eventType('search/rebuild.requested', {
  schema: z.object({}),
});
