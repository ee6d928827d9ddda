import { logger } from '@/lib/log/logger';
import { inngest } from './client';

type Sendable = Parameters<typeof inngest.send>[0];

/**
 * Emits domain events after the change they describe is stored. Sending never undoes the change:
 * a failure is logged with the events, so they can be replayed.
 */
export async function emitEvents(events: Sendable): Promise<void> {
  try {
    await inngest.send(events);
  } catch (error) {
    logger().error(
      { err: error instanceof Error ? error.message : String(error), events },
      'sending job events failed',
    );
  }
}
