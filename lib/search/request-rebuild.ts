import { recordInOutbox, toOutboxEntries } from '@/lib/jobs/outbox';
import { searchRebuildRequested } from './events';

/**
 * Asks the job runner for a rebuild of the search index, from anywhere (an operator's shell):
 * the event is recorded in the outbox, due at once, and the relay of any running instance hands
 * it to the jobs (Inngest, or the instances' in-process executor). Returns the event's id.
 */
export async function requestSearchRebuild(): Promise<string> {
  const entries = await toOutboxEntries(searchRebuildRequested.create({}));
  await recordInOutbox(entries, new Date(), { graceMs: 0 });
  return entries.map((entry) => entry.id).join(', ');
}
