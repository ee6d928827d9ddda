import { setCover } from '@/lib/articles/cover';
import { handleImageUpload } from '@/lib/http/image-upload';

export const dynamic = 'force-dynamic';

/** Upload a cover image: multipart/form-data with a `cover` file, at most 5 MB. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleImageUpload(request, 'cover', (viewer, upload) => setCover(viewer, id, upload));
}
