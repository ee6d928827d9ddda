import { newSessionId } from '@/lib/sessions/session-store';
import { createAccount } from '@/lib/accounts/create-account';
import { UserModel } from '@/lib/users/user-model';
import { ArticleModel } from '@/lib/articles/models';
import { createArticle, saveArticle } from '@/lib/articles/save-article';
import { connectDb } from '@/lib/db/connection';
import { acceptFriendRequest } from '@/lib/friends/accept-friend-request';
import { sendFriendRequest } from '@/lib/friends/send-friend-request';
import { jobsIdle } from '@/lib/jobs/runtime';
import { getUserById, invalidateUser } from '@/lib/users/cache';
import type { SignedIn } from '@/lib/auth/require-viewer';

export const DEMO_PASSWORD = 'inkwell-demo-2026';

const PEOPLE = [
  { username: 'ada', displayName: 'Ada Lovelace' },
  { username: 'grace', displayName: 'Grace Hopper' },
  { username: 'linus', displayName: 'Linus Torvalds' },
] as const;

const ARTICLES: Record<
  string,
  { title: string; body: string; tags: string; visibility: 'public' | 'friends' }[]
> = {
  ada: [
    {
      title: 'Notes on the Analytical Engine',
      body: 'The engine **weaves algebraic patterns** just as the Jacquard loom weaves flowers and leaves.\n\n```js\nconst bernoulli = (n) => n; // the first program, more or less\n```',
      tags: 'history, computing',
      visibility: 'public',
    },
  ],
  grace: [
    {
      title: 'It is easier to ask forgiveness',
      body: 'than it is to get permission. A ship in port is safe, but that is not what ships are built for.',
      tags: 'leadership',
      visibility: 'public',
    },
    {
      title: 'The first actual bug',
      body: 'Relay #70, panel F. A moth. We taped it into the log book.',
      tags: 'history, debugging',
      visibility: 'friends',
    },
  ],
  linus: [
    {
      title: 'Talk is cheap',
      body: 'Show me the code.\n\n> Given enough eyeballs, all bugs are shallow.',
      tags: 'open-source',
      visibility: 'public',
    },
  ],
};

async function viewerFor(username: string): Promise<SignedIn> {
  await connectDb();
  let user = await UserModel.findOne({ usernameKey: username }, { _id: 1 }).lean();
  if (!user) {
    await createAccount({
      email: `${username}@demo.inkwell.test`,
      username,
      password: DEMO_PASSWORD,
    });
    user = await UserModel.findOne({ usernameKey: username }, { _id: 1 }).lean();
  }
  const profile = user ? await getUserById(user._id.toString()) : null;
  if (!profile) throw new Error(`demo user ${username} could not be created`);
  const displayName =
    PEOPLE.find((person) => person.username === username)?.displayName ?? username;
  if (profile.displayName !== displayName) {
    await UserModel.updateOne({ _id: profile.id }, { $set: { displayName } });
    await invalidateUser(profile.id, profile.usernameKey);
  }
  return { user: { ...profile, displayName }, sessionId: newSessionId() };
}

/**
 * Demo data for `npm run demo`: three people who are friends, each with an article, created
 * through the same domain operations as the app (so streams and notifications fill in). Safe to
 * run again: existing people and articles are kept.
 */
export async function seedDemoData(): Promise<string> {
  const viewers = await Promise.all(PEOPLE.map((person) => viewerFor(person.username)));
  const [ada, grace, linus] = viewers as [SignedIn, SignedIn, SignedIn];
  for (const [a, b] of [
    [ada, grace],
    [grace, linus],
  ] as const) {
    await sendFriendRequest(a.user.id, b.user.id);
    await acceptFriendRequest(b.user.id, a.user.id);
  }
  for (const viewer of viewers) {
    if (await ArticleModel.exists({ authorId: viewer.user.id })) continue;
    for (const article of ARTICLES[viewer.user.usernameKey] ?? []) {
      const draft = await createArticle(viewer, article);
      if (draft.ok) await saveArticle(viewer, draft.value.id, {}, 'publish');
    }
  }
  await jobsIdle();
  return [
    'Demo people (password for each: ' + DEMO_PASSWORD + '):',
    ...PEOPLE.map((person) => `  ${person.username}  (${person.displayName})`),
    'Ada and Grace are friends, Grace and Linus are friends.',
  ].join('\n');
}
