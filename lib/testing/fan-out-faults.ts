import type { deliverToStreams } from '@/lib/activity/deliver';

type Deliver = typeof deliverToStreams;

/**
 * Faults the fan-out tests inject into stream delivery, by the place of a delivery among those of
 * one stream entry (0: its first batch, 1: its second, counting a retried batch again): a
 * delivery in `failOnce` fails once (a retry repeats only that batch, without duplicates); one
 * in `freezeOnce` hangs forever once (its process "dies" there, and another instance finishes
 * the run). Production code knows nothing of them: a test swaps the module in with
 *
 *   vi.mock('@/lib/activity/deliver', async (original) => {
 *     const { withFanOutFaults } = await import('@/lib/testing/fan-out-faults');
 *     return withFanOutFaults(await original<typeof import('@/lib/activity/deliver')>());
 *   });
 *
 * (imported inside the factory: the mock may be built before the test's own imports run).
 */
export const fanOutFaults = { failOnce: new Set<number>(), freezeOnce: new Set<number>() };

const deliveriesOf = new Map<string, number>();

/** The delivery module with `deliverToStreams` behind the faults above. */
export function withFanOutFaults<Module extends { deliverToStreams: Deliver }>(
  original: Module,
): Module {
  const deliverToStreams: Deliver = async (recipients, member, score) => {
    const delivery = deliveriesOf.get(member) ?? 0;
    deliveriesOf.set(member, delivery + 1);
    if (fanOutFaults.failOnce.delete(delivery))
      throw new Error(`injected failure in delivery ${delivery} of ${member}`);
    if (fanOutFaults.freezeOnce.delete(delivery)) return new Promise(() => {});
    return original.deliverToStreams(recipients, member, score);
  };
  return { ...original, deliverToStreams };
}
