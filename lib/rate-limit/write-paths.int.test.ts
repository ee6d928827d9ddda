import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { addArticleImage } from '@/lib/articles/article-images';
import { removeCover, setCover } from '@/lib/articles/cover';
import { previewArticle } from '@/lib/articles/preview-article';
import { createArticle, saveArticle } from '@/lib/articles/save-article';
import { deleteArticle } from '@/lib/articles/delete-article';
import { unpublishArticle } from '@/lib/articles/unpublish-article';
import { addComment, deleteComment, editComment } from '@/lib/articles/write-comment';
import { changeRelationship } from '@/lib/friends/change-relationship';
import { changeMute } from '@/lib/mutes/change-mute';
import { markAllRead } from '@/lib/notifications/mark-read';
import { removeAvatar } from '@/lib/profiles/avatar';
import { setDebugPanel } from '@/lib/profiles/set-debug-panel';
import { updateProfile } from '@/lib/profiles/update-profile';
import { endViewerOtherSessions } from '@/lib/accounts/manage-sessions';
import { changeUsername } from '@/lib/accounts/change-username';
import { requestDataExport } from '@/lib/data-export/request-export';
import { jobsIdle } from '@/lib/jobs/runtime';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import type { Result } from '@/lib/validation/result';
import { hitRateLimit, RATE_LIMITS, type RateLimitPolicy } from './rate-limit';

type Person = Awaited<ReturnType<typeof makeUser>>;

setUpTestStores();

/** Uses up `policy` for `subject`, as that many earlier requests would have. */
async function useUp(policy: RateLimitPolicy, subject: string): Promise<void> {
  for (let start = 0; start < policy.limit; start += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, policy.limit - start) }, () =>
        hitRateLimit(policy, subject),
      ),
    );
  }
}

async function draftOf(person: Person, title = 'A title') {
  const draft = await createArticle(person.viewer, { title, body: 'Some words.' });
  if (!draft.ok) throw new Error(JSON.stringify(draft));
  return draft.value.id;
}

async function publishedOf(person: Person, title = 'A title') {
  const id = await draftOf(person, title);
  const published = await saveArticle(person.viewer, id, {}, 'publish');
  if (!published.ok) throw new Error(JSON.stringify(published));
  return id;
}

async function commentOn(person: Person, articleId: string) {
  const comment = await addComment(person.viewer, articleId, { body: 'Nice.' });
  if (!comment.ok) throw new Error(JSON.stringify(comment));
  return comment.value.id;
}

const coverImage = () =>
  sharp({ create: { width: 400, height: 200, channels: 3, background: '#336699' } })
    .png()
    .toBuffer();

interface WritePath {
  name: string;
  policy: RateLimitPolicy;
  /** One attempt by `person` (a fresh one each call, where the path needs a fresh target). */
  attempt: (person: Person) => Promise<Result<unknown>>;
}

const relationship = (action: string, other: () => Promise<Person>) => async (person: Person) =>
  changeRelationship(person.viewer, { username: (await other()).username, action });

const WRITE_PATHS: WritePath[] = [
  {
    name: 'saving a draft',
    policy: RATE_LIMITS.draftSavesPerAccount,
    attempt: async (person) =>
      saveArticle(person.viewer, await draftOf(person), { body: 'More words.' }, 'save'),
  },
  {
    name: 'updating a published article',
    policy: RATE_LIMITS.publishedEditsPerAccount,
    attempt: async (person) =>
      saveArticle(person.viewer, await publishedOf(person), { body: 'Other words.' }, 'save'),
  },
  {
    name: 'unpublishing an article',
    policy: RATE_LIMITS.withdrawalsPerAccount,
    attempt: async (person) => unpublishArticle(person.viewer, await publishedOf(person)),
  },
  {
    name: 'deleting an article',
    policy: RATE_LIMITS.withdrawalsPerAccount,
    attempt: async (person) => deleteArticle(person.viewer, await draftOf(person)),
  },
  {
    name: 'uploading a cover',
    policy: RATE_LIMITS.coverUploadsPerAccount,
    attempt: async (person) => setCover(person.viewer, await draftOf(person), await coverImage()),
  },
  {
    name: 'removing a cover',
    policy: RATE_LIMITS.coverUploadsPerAccount,
    attempt: async (person) => removeCover(person.viewer, await draftOf(person)),
  },
  {
    name: 'uploading an image into an article',
    policy: RATE_LIMITS.articleImageUploadsPerAccount,
    attempt: async (person) =>
      addArticleImage(person.viewer, await draftOf(person), await coverImage()),
  },
  {
    name: 'editing a comment',
    policy: RATE_LIMITS.commentChangesPerAccount,
    attempt: async (person) =>
      editComment(person.viewer, await commentOn(person, await publishedOf(person)), {
        body: 'Edited.',
      }),
  },
  {
    name: 'deleting a comment',
    policy: RATE_LIMITS.commentChangesPerAccount,
    attempt: async (person) =>
      deleteComment(person.viewer, await commentOn(person, await publishedOf(person))),
  },
  {
    name: 'blocking someone',
    policy: RATE_LIMITS.blocksPerAccount,
    attempt: relationship('block', () => makeUser('other')),
  },
  {
    name: 'muting someone',
    policy: RATE_LIMITS.mutesPerAccount,
    attempt: async (person) =>
      changeMute(person.viewer, { username: (await makeUser('other')).username, action: 'mute' }),
  },
  {
    name: 'unblocking someone',
    policy: RATE_LIMITS.blocksPerAccount,
    attempt: async (person) => {
      const other = await makeUser('other');
      await changeRelationship(person.viewer, { username: other.username, action: 'block' });
      return changeRelationship(person.viewer, { username: other.username, action: 'unblock' });
    },
  },
  {
    name: 'answering a friend request',
    policy: RATE_LIMITS.friendChangesPerAccount,
    attempt: async (person) => {
      const other = await makeUser('other');
      await changeRelationship(other.viewer, { username: person.username, action: 'request' });
      return changeRelationship(person.viewer, { username: other.username, action: 'decline' });
    },
  },
  {
    name: 'cancelling a friend request',
    policy: RATE_LIMITS.friendChangesPerAccount,
    attempt: async (person) => {
      const other = await makeUser('other');
      await changeRelationship(person.viewer, { username: other.username, action: 'request' });
      return changeRelationship(person.viewer, { username: other.username, action: 'cancel' });
    },
  },
  {
    name: 'editing one’s profile',
    policy: RATE_LIMITS.profileUpdatesPerAccount,
    attempt: (person) => updateProfile(person.viewer, { displayName: 'Someone', bio: '' }),
  },
  {
    name: 'removing one’s avatar',
    policy: RATE_LIMITS.profileUpdatesPerAccount,
    attempt: (person) => removeAvatar(person.viewer),
  },
  {
    name: 'turning the cost panel on',
    policy: RATE_LIMITS.profileUpdatesPerAccount,
    attempt: (person) => setDebugPanel(person.viewer, { enabled: true }),
  },
  {
    name: 'marking notifications read',
    policy: RATE_LIMITS.notificationReadsPerAccount,
    attempt: (person) => markAllRead(person.viewer),
  },
  {
    name: 'previewing an article',
    policy: RATE_LIMITS.previewsPerAccount,
    attempt: (person) => previewArticle(person.viewer, { body: 'A *preview*.' }),
  },
  {
    name: 'ending one’s other sessions',
    policy: RATE_LIMITS.sessionEndsPerAccount,
    attempt: (person) => endViewerOtherSessions(person.viewer),
  },
  {
    name: 'changing one’s username',
    policy: RATE_LIMITS.usernameChangesPerAccount,
    attempt: (person) =>
      changeUsername(person.viewer, { username: `renamed_${Math.random().toString(36).slice(2)}` }),
  },
  {
    name: 'asking for a copy of one’s data',
    policy: RATE_LIMITS.dataExportsPerAccount,
    attempt: async (person) => {
      const requested = await requestDataExport(person.viewer);
      // Built before the next attempt (one still preparing is answered, not counted again).
      await jobsIdle();
      return requested;
    },
  },
];

describe('every write path is rate limited', () => {
  it.each(WRITE_PATHS)('$name', async ({ policy, attempt }) => {
    const person = await makeUser('writer');
    expect(await attempt(person)).toMatchObject({ ok: true });
    await useUp(policy, person.id);
    const refused = await attempt(person);
    expect(refused).toMatchObject({
      ok: false,
      code: 'rate-limited',
      retryAfterSeconds: expect.any(Number),
    });
    expect(refused.ok === false && refused.formError).toMatch(/^Too many .+ Please wait \d+ /);
  });

  it('previews have their own policy in the table, for the preview route to enforce', () => {
    expect(RATE_LIMITS.previewsPerAccount.limit).toBeGreaterThan(0);
    expect(RATE_LIMITS.sessionEndsPerAccount.limit).toBeGreaterThan(0);
  });
});
