/** Redis keys of sessions; this domain alone reads and writes them. */
export const sessionKeys = {
  session: (sessionId: string) => `session:${sessionId}`,
  /** Ids of a user's sessions, to list and end them; entries of expired sessions are pruned on read. */
  userSessions: (userId: string) => `user-sessions:${userId}`,
};

/** A session lives 30 days past its last use (sliding). */
export const SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;
/** Last-seen time and expiry are refreshed at most this often, to keep reads to one command. */
export const SESSION_RENEW_AFTER_MS = 60 * 1000;
