import { describe, expect, it, vi } from 'vitest';
import { MAX_IMAGE_UPLOAD_BYTES } from '@/lib/http/body-limits';
import { handleJsonWrite } from '@/lib/http/responses';
import { RedisUnavailableError } from '@/lib/redis';
import { LockBusyError } from '@/lib/redis/lock';
import type { PublicUser } from '@/lib/users/public-user';
import { ok } from '@/lib/validation/result';
import { handleImageUpload } from './image-upload';

const requireViewer = vi.hoisted(() => vi.fn());
vi.mock('@/lib/auth/require-viewer', () => ({ requireViewer }));

const ORIGIN = 'http://inkwell.test';
const USER: PublicUser = {
  id: '0123456789abcdef01234567',
  username: 'ada',
  usernameKey: 'ada',
  displayName: 'Ada',
  bio: '',
  links: [],
  avatar: null,
  friendCount: 0,
  joinedAt: '2026-01-01T00:00:00.000Z',
  debugPanel: false,
};

function post(headers: Record<string, string> = {}, body = '{}'): Request {
  return new Request(`${ORIGIN}/api/anything`, {
    method: 'POST',
    headers: { origin: ORIGIN, 'x-forwarded-host': 'inkwell.test', ...headers },
    body,
  });
}

/** The same failure thrown behind a JSON write and behind an upload. */
async function bothAnswer(error: Error) {
  requireViewer.mockResolvedValue({
    ok: true,
    viewer: { user: USER, sessionId: 's' },
  });
  const json = await handleJsonWrite(post(), () => Promise.reject(error));
  const upload = await handleImageUpload(post(), 'avatar', () => Promise.reject(error));
  return {
    json: { status: json.status, body: await json.json() },
    upload: { status: upload.status, body: await upload.json() },
  };
}

describe('one write gate for JSON writes and image uploads', () => {
  it('answers an outage of Redis with 503, an upload like a JSON write', async () => {
    const { json, upload } = await bothAnswer(new RedisUnavailableError('down'));
    expect(json.status).toBe(503);
    expect(upload).toEqual(json);
  });

  it('answers a busy lock with 409, an upload like a JSON write', async () => {
    const { json, upload } = await bothAnswer(new LockBusyError());
    expect(json.status).toBe(409);
    expect(upload).toEqual(json);
  });

  it('refuses another origin with 403 before asking who is signed in', async () => {
    requireViewer.mockClear();
    const foreign = { origin: 'https://evil.example' };
    const json = await handleJsonWrite(post(foreign), () => Promise.reject(new Error('unreached')));
    const upload = await handleImageUpload(post(foreign), 'avatar', async () => ok({}));
    expect(json.status).toBe(403);
    expect({ status: upload.status, body: await upload.json() }).toEqual({
      status: 403,
      body: await json.json(),
    });
    expect(requireViewer).not.toHaveBeenCalled();
  });

  it('refuses an upload that says it is too large with 413, before reading it', async () => {
    requireViewer.mockClear();
    const tooLarge = post({ 'content-length': String(MAX_IMAGE_UPLOAD_BYTES + 1) });
    const upload = await handleImageUpload(tooLarge, 'avatar', async () => ok({}));
    expect(upload.status).toBe(413);
    expect(await upload.json()).toEqual({
      ok: false,
      code: 'too-large',
      fieldErrors: { avatar: 'Images can be at most 5 MB.' },
    });
    expect(requireViewer).not.toHaveBeenCalled();
  });
});
