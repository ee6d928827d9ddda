import { eventType } from 'inngest';
import { z } from 'zod';

const objectId = z.string().regex(/^[a-f0-9]{24}$/);

/**
 * What others can find of a person changed (a new account, a new username or display name): the
 * search index re-reads them. Carries only the id; the job reads the rest from MongoDB.
 */
export const profileChanged = eventType('user/profile-changed', {
  schema: z.object({ userId: objectId }),
});
