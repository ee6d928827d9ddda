/**
 * The signed-in person an operation acts for (lib/auth's `SignedIn` is one): this domain sits
 * below lib/auth, so it names only what it reads.
 */
export interface PasskeyOwner {
  user: { id: string; username: string; displayName: string };
}
