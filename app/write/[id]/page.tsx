import type { Metadata } from 'next';
import { SignInUnavailable } from '@/components/account/sign-in-unavailable';
import { notFound } from 'next/navigation';
import { Editor } from '@/components/articles/editor/editor';
import { loadOwnArticle } from '@/lib/articles/access';
import { toEditorArticle } from '@/lib/articles/editor-article';
import { pageViewer } from '@/lib/auth/page-viewer';

export const metadata: Metadata = {
  title: 'Edit article',
  description: 'Edit your article on Inkwell.',
};

export default async function EditArticlePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await pageViewer(`/write/${id}`);
  if (!viewer) return <SignInUnavailable title="Edit article" />;
  const found = await loadOwnArticle(viewer.user.id, id);
  if (!found.ok) notFound();
  const article = found.value;
  return (
    <Editor
      key={article._id.toString()}
      initial={toEditorArticle(article)}
      authorPath={`/u/${viewer.user.usernameKey}`}
    />
  );
}
