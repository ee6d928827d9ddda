import { INLINE_IMAGE_FILE } from '@/lib/media/inline-image-names';
import { openMediaFile } from '@/lib/media/media-store';

export const dynamic = 'force-dynamic';

const MEDIA_PATH = /^(avatars|covers)\/[a-f0-9]{24}\/[a-f0-9]{20}-\d{2,4}\.webp$/;

/**
 * Serves stored media, streamed from GridFS as the client reads it. Names carry a content hash,
 * so responses may be cached for a year.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  const name = (await params).path.join('/');
  if (!MEDIA_PATH.test(name) && !INLINE_IMAGE_FILE.test(name))
    return new Response('Not found', { status: 404 });
  const file = await openMediaFile(name);
  if (!file)
    return new Response('Not found', { status: 404, headers: { 'Cache-Control': 'no-store' } });
  return new Response(file.body, {
    headers: {
      'Content-Type': file.contentType,
      'Content-Length': String(file.length),
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
