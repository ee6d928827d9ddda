import { inngest } from '@/lib/jobs/client';
import { caseHandled } from '@/lib/moderation/events';
import {
  caseAsAnnounced,
  REPORTERS_BATCH,
  reportersOf,
  tellAuthor,
  tellReporters,
} from '@/lib/moderation/notify-outcome';

/**
 * A case handled: its author is told (a hiding, or their appeal's outcome), then every reporter
 * of that round, a batch per step, resumable (each step remembers where the next starts) and
 * idempotent (one keyed notification per report, however often a step runs). A case handled
 * otherwise since (reopened, decided again) is left to that later event.
 */
export const notifyModerationOutcome = inngest.createFunction(
  { id: 'notify-moderation-outcome', retries: 4, triggers: [caseHandled] },
  async ({ event, step }) => {
    const { caseId, round, action } = event.data;
    const handled = await step.run('check-case', () => caseAsAnnounced(caseId, round, action));
    if (!handled) return { skipped: 'the case is not handled as the event says' };
    await step.run('tell-author', () => tellAuthor(caseId, round, action, handled.authorId));
    let after: string | null = null;
    let told = 0;
    for (let batch = 0; ; batch += 1) {
      const cursor: string | null = after;
      const done = await step.run(`tell-reporters-${batch}`, async () => {
        const reports = await reportersOf(caseId, round, cursor);
        await tellReporters(caseId, reports);
        return { count: reports.length, last: reports.at(-1)?.reportId ?? null };
      });
      told += done.count;
      if (done.count < REPORTERS_BATCH || !done.last) break;
      after = done.last;
    }
    return { told };
  },
);
