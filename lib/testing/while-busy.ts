import type { Result } from '@/lib/validation/result';

/**
 * Calls `write` again while it answers "busy" (the rendering pool is shared with the other test
 * workers on a loaded machine), as a person would after "try again in a moment".
 */
export async function retryWhileBusy<T>(write: () => Promise<Result<T>>): Promise<Result<T>> {
  let outcome = await write();
  for (let tries = 0; !outcome.ok && outcome.code === 'unavailable' && tries < 10; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    outcome = await write();
  }
  return outcome;
}
