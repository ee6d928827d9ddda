/**
 * Runs once when a server instance starts. With no Inngest configured, the in-process executor
 * starts here so that scheduled jobs (the counter flush) run without waiting for a first event,
 * and runs left unfinished by an instance that died are resumed.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Markdown renders in worker threads: start them with the server, not on a first article.
  const { warmRenderWorkers } = await import('@/lib/articles/render-markdown');
  warmRenderWorkers();
  if (!process.env.INNGEST_EVENT_KEY && !process.env.INNGEST_DEV) {
    // Created before anything sends: in-process sends go to it. Only server instances keep the
    // schedule and take over runs of instances that died (scripts and tests create executors too).
    const { localExecutor } = await import('@/jobs/runtime');
    localExecutor().startSchedules();
    localExecutor().startRecovery();
  }
  // Every instance relays the events its emitters could not hand over (in every jobs mode). It
  // checks the seals of sealed kinds (mail), declared with the events the jobs consume.
  await import('@/jobs');
  const { startOutboxRelay } = await import('@/lib/jobs/outbox-relay');
  startOutboxRelay();
}
