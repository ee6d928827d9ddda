import { eventType } from 'inngest';
import { z } from 'zod';

const objectId = z.string().regex(/^[a-f0-9]{24}$/);

/**
 * Someone deleted their account (it is already unusable): the delete-account job removes what is
 * theirs. Carries only the id; the job reads everything else from MongoDB.
 */
export const accountDeletionRequested = eventType('account/deletion.requested', {
  schema: z.object({ userId: objectId, requestedAt: z.string() }),
});

/** Finds accounts whose deletion never finished (an event lost, a run that gave up) and resumes them. */
export const unfinishedDeletionsSweepRequested = eventType('account/deletion.sweep', {
  schema: z.object({}),
});
