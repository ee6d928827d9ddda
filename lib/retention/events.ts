import { eventType } from 'inngest';
import { z } from 'zod';

/** Asks for old activities and notifications to be trimmed now (they also are every hour). */
export const oldRecordsTrimRequested = eventType('retention/trim.requested', {
  schema: z.object({}),
});
