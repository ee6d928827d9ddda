import { z } from 'zod';
import { setLike } from '@/lib/articles/likes';
import { resultResponse } from '@/lib/http/responses';
import { handleViewerWrite } from '@/lib/auth/viewer-write';
import { parseInput } from '@/lib/validation/result';

export const dynamic = 'force-dynamic';

const likeSchema = z.object({
  liked: z.boolean({ error: 'Say whether you like it (true or false).' }),
});

/** Like or unlike: { liked: true | false }. */
export async function PUT(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleViewerWrite(request, async (viewer, body) => {
    const parsed = parseInput(likeSchema, body);
    return resultResponse(parsed.ok ? await setLike(viewer, id, parsed.value.liked) : parsed);
  });
}
