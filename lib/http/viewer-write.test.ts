import { NextResponse } from 'next/server';
import { describe, expect, it, vi } from 'vitest';
import { MAX_ARTICLE_JSON_BYTES } from '@/lib/http/body-limits';
import { fail } from '@/lib/validation/result';
import { handleViewerWrite } from './viewer-write';

const requireViewer = vi.hoisted(() => vi.fn());
vi.mock('@/lib/auth/require-viewer', () => ({ requireViewer }));

const ORIGIN = 'http://inkwell.test';

/** A same-origin article save of the largest size accepted, noting whether its body was read. */
function largeSave() {
  const seen = { read: false };
  const chunk = new TextEncoder().encode(`{"body":"${'x'.repeat(MAX_ARTICLE_JSON_BYTES - 20)}"}`);
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        seen.read = true;
        controller.enqueue(chunk);
        controller.close();
      },
    },
    // Pulled only when someone reads it.
    { highWaterMark: 0 },
  );
  const request = new Request(`${ORIGIN}/api/articles/0123456789abcdef01234567`, {
    method: 'PATCH',
    headers: {
      origin: ORIGIN,
      'x-forwarded-host': 'inkwell.test',
      'content-length': String(chunk.byteLength),
    },
    body,
    duplex: 'half',
  } as RequestInit);
  return { request, seen };
}

describe('a write only a signed-in person may make', () => {
  it('refuses a stranger before reading or parsing their (up to ~664 KB) body', async () => {
    requireViewer.mockResolvedValue(fail('unauthorized', 'Please sign in first.'));
    const handle = vi.fn(async () => NextResponse.json({ ok: true }));
    const { request, seen } = largeSave();
    const response = await handleViewerWrite(request, handle);
    expect(response.status).toBe(401);
    expect(handle).not.toHaveBeenCalled();
    expect(seen.read).toBe(false);
  });
});
