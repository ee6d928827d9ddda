/**
 * Runs once when a server instance starts. With no Inngest configured, the in-process executor
 * starts here so that scheduled jobs (the counter flush) run without waiting for a first event,
 * and runs left unfinished by an instance that died are resumed.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    // Markdown renders in worker threads: start them with the server, not on a first article.
    const { warmRenderWorkers } = await import('@/lib/articles/render-markdown');
    warmRenderWorkers();
    // Every instance relays the events its emitters could not hand over (in every jobs mode).
    const { startOutboxRelay } = await import('@/lib/jobs/outbox-relay');
    startOutboxRelay();
  }
  if (
    process.env.NEXT_RUNTIME !== 'nodejs' ||
    process.env.INNGEST_EVENT_KEY ||
    process.env.INNGEST_DEV
  )
    return;
  const { localExecutor } = await import('@/lib/jobs/runtime');
  // Only server instances keep the schedule and take over runs of instances that died (scripts
  // and tests create executors too).
  localExecutor().startSchedules();
  localExecutor().startRecovery();
}
