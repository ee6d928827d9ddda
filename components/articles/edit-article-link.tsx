'use client';

import Link from 'next/link';
import { useReader } from '@/components/reader/reader-store';

/**
 * "Edit this article", for its author only. `isAuthor` comes from the server, or is null on a page
 * kept for every signed-in reader: then the reader's state decides.
 */
export function EditArticleLink({
  articleId,
  authorId,
  isAuthor,
}: {
  articleId: string;
  authorId: string;
  isAuthor: boolean | null;
}) {
  const reader = useReader(isAuthor !== null);
  const show = isAuthor ?? (reader?.status === 'signed-in' && reader.user.id === authorId);
  if (!show) return null;
  return (
    <Link
      href={`/write/${articleId}`}
      className="ml-auto text-sm font-medium text-accent underline"
    >
      Edit<span className="sr-only"> this article</span>
    </Link>
  );
}
