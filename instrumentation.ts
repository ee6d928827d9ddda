/**
 * Runs once when a server instance starts. With no Inngest configured, the in-process executor
 * starts here so that scheduled jobs (the counter flush) run without waiting for a first event.
 */
export async function register(): Promise<void> {
  if (
    process.env.NEXT_RUNTIME !== 'nodejs' ||
    process.env.INNGEST_EVENT_KEY ||
    process.env.INNGEST_DEV
  )
    return;
  const { localExecutor } = await import('@/lib/jobs/runtime');
  // Only server instances keep the schedule (scripts and tests create executors too).
  localExecutor().startSchedules();
}
