import { globalSingleton } from '@/lib/util/global-singleton';

/**
 * Whose each recently seen session is, as this instance last read it: a session's user never
 * changes, so knowing it lets the session's read and the reads of its user's own data go out in
 * the same round trip (lib/auth/recognise-viewer.ts). Only a guess: every request still reads the
 * session, and what was read for the guessed user is used only when the session names them. An
 * instance that never saw a session reads it first, as any would. Bounded, least recently used
 * out; one map per process (Next's bundles and the custom server share it).
 */
const owners = globalSingleton('sessionOwners', () => new Map<string, string>());
const MOST_REMEMBERED = 20_000;

export const sessionOwners = {
  guess(sessionId: string): string | undefined {
    return owners.get(sessionId);
  },
  remember(sessionId: string, userId: string): void {
    // Re-inserted: the map's order is then least recently used first.
    if (owners.delete(sessionId)) return void owners.set(sessionId, userId);
    if (owners.size >= MOST_REMEMBERED) {
      const oldest = owners.keys().next().value;
      if (oldest !== undefined) owners.delete(oldest);
    }
    // A copy: the id is a slice of the whole Cookie header, which would otherwise stay in memory.
    owners.set(Buffer.from(sessionId, 'latin1').toString('latin1'), userId);
  },
  /** The session is gone (ended or expired): nothing is read for its last owner again. */
  forget(sessionId: string): void {
    owners.delete(sessionId);
  },
};
