/** After a day, even the session their sign-up began finds someone who has been here before. */
const NEW_FOR_MS = 24 * 60 * 60 * 1000;

/**
 * Whether to greet someone as new ("Welcome to Inkwell") rather than returning ("Welcome back"):
 * they are still in the session confirming their sign-up began, on the day they joined. Any
 * later sign-in is a return.
 */
export function isNewcomer(joinedAt: string, sessionBeganAtSignUp: boolean, now = Date.now()) {
  return sessionBeganAtSignUp && now - Date.parse(joinedAt) < NEW_FOR_MS;
}
