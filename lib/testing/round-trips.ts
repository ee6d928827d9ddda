import { vi } from 'vitest';
import { cacheRedis, durableRedis } from '@/lib/redis';

/**
 * The round trips to Redis `work` makes (the durable and the cache store, even if one): each
 * pipeline sent, and how many went out one after another (a pipeline sent before any earlier one
 * was answered travels with it).
 */
export async function roundTripsOf(
  work: () => Promise<unknown>,
): Promise<{ pipelines: number; sequential: number }> {
  const drivers = [...new Set([durableRedis().driver, cacheRedis().driver])];
  let pipelines = 0;
  let sequential = 0;
  let answeredSinceLast = true;
  const spies = drivers.map((driver) => {
    const send = driver.send.bind(driver);
    return vi.spyOn(driver, 'send').mockImplementation((commands) => {
      pipelines += 1;
      if (answeredSinceLast) sequential += 1;
      answeredSinceLast = false;
      return send(commands).finally(() => {
        answeredSinceLast = true;
      });
    });
  });
  try {
    await work();
    return { pipelines, sequential };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}
