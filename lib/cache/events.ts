import { eventType } from 'inngest';
import { z } from 'zod';

/** Asks for old change stamps to be pruned now (they are also pruned every ten minutes). */
export const changeStampsPruneRequested = eventType('cache/change-stamps.prune', {
  schema: z.object({}),
});
