import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Editor } from '@/components/articles/editor';
import { getViewer } from '@/lib/sessions/get-viewer';

export const metadata: Metadata = {
  title: 'Write',
  description: 'Write a new article on Inkwell.',
};

export default async function WritePage() {
  const viewer = await getViewer();
  if (viewer.status !== 'signed-in') redirect('/signin?callbackUrl=/write');
  return <Editor initial={null} authorPath={`/u/${viewer.user.usernameKey}`} />;
}
