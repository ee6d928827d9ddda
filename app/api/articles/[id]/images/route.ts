import { addArticleImage } from '@/lib/articles/article-images';
import { handleImageUpload } from '@/lib/http/image-upload';

export const dynamic = 'force-dynamic';

/** Upload an image for use inside the article: multipart/form-data with an `image` file, at most 5 MB. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleImageUpload(request, 'image', (viewer, upload) =>
    addArticleImage(viewer, id, upload),
  );
}
