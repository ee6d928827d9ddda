import type { Metadata } from 'next';
import { SignInUnavailable } from '@/components/account/sign-in-unavailable';
import { Editor } from '@/components/articles/editor/editor';
import { pageViewer } from '@/lib/auth/page-viewer';

export const metadata: Metadata = {
  title: 'Write',
  description: 'Write a new article on Inkwell.',
};

export default async function WritePage() {
  const viewer = await pageViewer('/write');
  if (!viewer) return <SignInUnavailable title="Write" />;
  return <Editor initial={null} authorPath={`/u/${viewer.user.usernameKey}`} />;
}
