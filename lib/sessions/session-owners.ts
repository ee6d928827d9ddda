/**
 * Whose each recently seen session is, as this instance last read it: a session's user never
 * changes, so knowing it lets the session's read and the reads of its user's own data go out in
 * the same round trip (lib/auth/recognise-viewer.ts). Only a guess: every request still reads the
 * session, and what was read for the guessed user is used only when the session names them. An
 * instance that never saw a session reads it first, as any would. Bounded; oldest first out.
 */
const owners = new Map<string, string>();
const MOST_REMEMBERED = 20_000;

export const sessionOwners = {
  guess(sessionId: string): string | undefined {
    return owners.get(sessionId);
  },
  remember(sessionId: string, userId: string): void {
    if (owners.get(sessionId) === userId) return;
    if (owners.size >= MOST_REMEMBERED) {
      const oldest = owners.keys().next().value;
      if (oldest !== undefined) owners.delete(oldest);
    }
    owners.set(sessionId, userId);
  },
};
