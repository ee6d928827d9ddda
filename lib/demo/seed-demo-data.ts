/**
 * Demo data for `npm run demo`. Each domain adds its part here as it lands (users, friendships,
 * articles); every step upserts, so running the demo twice changes nothing.
 */
export async function seedDemoData(): Promise<string> {
  return 'Demo data: nothing to seed yet (accounts, friends and articles add theirs).';
}
