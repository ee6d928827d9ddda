import type { Metadata } from 'next';
import { SignInUnavailable } from '@/components/account/sign-in-unavailable';
import { FriendsLists } from '@/components/friends/friends-lists';
import { pageViewer } from '@/lib/auth/page-viewer';
import { getFriendsOverview } from '@/lib/friends/friends-overview';

export const metadata: Metadata = {
  title: 'Friends',
  description: 'Your friends, friend requests and people you may know on Inkwell.',
};

export default async function FriendsPage() {
  const viewer = await pageViewer('/friends');
  if (!viewer) return <SignInUnavailable title="Friends" />;
  const people = await getFriendsOverview(viewer.user.id);
  return (
    <div className="mx-auto max-w-3xl space-y-10">
      <h1 className="font-serif text-3xl font-bold">Friends</h1>
      <FriendsLists initial={people} />
    </div>
  );
}
