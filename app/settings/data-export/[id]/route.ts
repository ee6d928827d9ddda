import { getViewer } from '@/lib/auth/get-viewer';
import { openExportDownload } from '@/lib/data-export/open-download';
import { dataExportPath } from '@/lib/data-export/paths';

export const dynamic = 'force-dynamic';

const NOT_FOUND = () =>
  new Response('Not found', {
    status: 404,
    headers: { 'Cache-Control': 'private, no-store', 'Content-Type': 'text/plain; charset=utf-8' },
  });

/**
 * The zip of a data export, streamed from GridFS, for its owner alone: anyone else signed in gets
 * 404 (whether or not it exists); someone signed out is sent to sign in and brought back here
 * (whether or not it exists, so the redirect says nothing either).
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  if (viewer.status === 'unavailable') {
    return new Response('Signing in is unavailable just now. Try again in a minute.', {
      status: 503,
      headers: { 'Retry-After': '30', 'Cache-Control': 'no-store' },
    });
  }
  if (viewer.status !== 'signed-in') {
    const back = /^[a-f0-9]{24}$/.test(id) ? dataExportPath(id) : '/settings';
    return new Response(null, {
      status: 303,
      headers: {
        Location: `/signin?callbackUrl=${encodeURIComponent(back)}`,
        'Cache-Control': 'no-store',
      },
    });
  }
  const download = await openExportDownload(viewer.user.id, id);
  if (!download) return NOT_FOUND();
  return new Response(download.file.body, {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Length': String(download.file.length),
      'Content-Disposition': `attachment; filename="${download.downloadName}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
