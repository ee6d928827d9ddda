import { logger } from '@/lib/log/logger';
import { recordAndSend, type Sendable } from './outbox';

/**
 * Emits domain events after the change they describe is stored. Sending never undoes the change:
 * each event is recorded in the outbox (MongoDB) before it is sent, so one that cannot be sent
 * now is sent by the relay (outbox-relay.ts) until accepted. Only an event neither recorded nor
 * sent is lost, and that is logged with the events.
 */
export async function emitEvents(events: Sendable): Promise<void> {
  try {
    const outcome = await recordAndSend(events);
    if (!outcome.recorded && !outcome.sent) {
      logger().error({ errors: outcome.errors, events }, 'job events lost: not recorded, not sent');
    } else if (outcome.errors.length > 0) {
      logger().warn(
        { errors: outcome.errors, eventIds: outcome.entries.map((entry) => entry.id) },
        outcome.sent ? 'job events sent, outbox not updated' : 'job events left to the relay',
      );
    }
  } catch (error) {
    logger().error(
      { err: error instanceof Error ? error.message : String(error), events },
      'job events refused',
    );
  }
}
