import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { env } from '@/lib/config/env';
import { sessionCookie } from '@/lib/sessions/cookie';

/**
 * A "device cookie" (OWASP, Blocking Brute Force Attacks): a browser that once signed in to an
 * account gets a signed cookie naming that account and a random device id. Presented again, it
 * lets the owner past the limits strangers' guesses build up (per client address, per account):
 * that browser's failures are counted for itself only. Not a session, grants nothing by itself.
 */
export const KNOWN_DEVICE_DAYS = 180;

export interface KnownDevice {
  userId: string;
  deviceId: string;
  issuedAt: number;
}

export function knownDeviceCookieName(): string {
  return sessionCookie().secure ? '__Host-inkwell.device' : 'inkwell.device';
}

export function knownDeviceCookieOptions() {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    path: '/',
    secure: sessionCookie().secure,
    maxAge: KNOWN_DEVICE_DAYS * 24 * 60 * 60,
  };
}

function mac(payload: string): Buffer {
  return createHmac('sha256', env().AUTH_SECRET)
    .update(`inkwell known device v1\0${payload}`)
    .digest();
}

const USER_ID = /^[a-f0-9]{24}$/;
const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/;

/** A fresh cookie value for `userId`, keeping the device id of a browser already known. */
export function knownDeviceToken(userId: string, deviceId?: string, now = Date.now()): string {
  const payload = `${userId}.${deviceId ?? randomBytes(16).toString('base64url')}.${Math.floor(now / 1000)}`;
  return `${payload}.${mac(payload).toString('base64url')}`;
}

/** The device a cookie value names, if we signed it and it has not expired; null otherwise. */
export function readKnownDeviceToken(
  value: string | null | undefined,
  now = Date.now(),
): KnownDevice | null {
  if (!value || value.length > 200) return null;
  const [userId, deviceId, issued, signature, ...rest] = value.split('.');
  if (rest.length > 0 || !userId || !deviceId || !issued || !signature) return null;
  if (!USER_ID.test(userId) || !DEVICE_ID.test(deviceId) || !/^\d{1,12}$/.test(issued)) return null;
  const expected = mac(`${userId}.${deviceId}.${issued}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const issuedAt = Number(issued) * 1000;
  if (issuedAt > now + 60_000 || now - issuedAt > KNOWN_DEVICE_DAYS * 24 * 60 * 60 * 1000)
    return null;
  return { userId, deviceId, issuedAt };
}

/** The known-device cookie's value in a Cookie request header. */
export function knownDeviceFromCookieHeader(header: string | null | undefined): KnownDevice | null {
  if (!header) return null;
  const name = knownDeviceCookieName();
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      return readKnownDeviceToken(part.slice(separator + 1).trim());
    }
  }
  return null;
}
