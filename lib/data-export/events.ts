import { eventType } from 'inngest';
import { z } from 'zod';

const objectId = z.string().regex(/^[a-f0-9]{24}$/);

/** Someone asked for their data: build the zip of export `exportId`. */
export const dataExportRequested = eventType('data-export/requested', {
  schema: z.object({ exportId: objectId, userId: objectId }),
});

/** Run the export trim now (tests; the job also runs hourly). */
export const dataExportsTrimRequested = eventType('exports/trim.requested', {
  schema: z.object({}),
});
