import { setExecutorDispatch } from '@/lib/jobs/client';

// Each test file runs the app's jobs in process, like a server without Inngest. They load on the
// first send (or a test's own `localExecutor()`), so a test that sends nothing never loads them.
setExecutorDispatch(async (events) => {
  const { localExecutor } = await import('./runtime');
  return localExecutor().dispatch(events);
});
