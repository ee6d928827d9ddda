import 'server-only';
import { cookies } from 'next/headers';
import { knownDeviceCookieName, knownDeviceCookieOptions } from './known-device';

/** Every completed sign-in marks its browser as known to the account (lib/auth/known-device.ts). */
export async function setKnownDeviceCookie(deviceToken: string): Promise<void> {
  (await cookies()).set(knownDeviceCookieName(), deviceToken, knownDeviceCookieOptions());
}
