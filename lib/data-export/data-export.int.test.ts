import { Readable } from 'node:stream';
import sharp from 'sharp';
import { parse as parseYaml } from 'yaml';
import { unzip } from '@/lib/testing/unzip';
import { describe, expect, it } from 'vitest';
import { addArticleImage } from '@/lib/articles/article-images';
import { setCover } from '@/lib/articles/cover';
import { setLike } from '@/lib/articles/likes';
import { createArticle, saveArticle } from '@/lib/articles/save-article';
import { addComment } from '@/lib/articles/write-comment';
import { acceptFriendRequest } from '@/lib/friends/accept-friend-request';
import { sendFriendRequest } from '@/lib/friends/send-friend-request';
import { inngest } from '@/lib/jobs/client';
import { readMailbox } from '@/lib/mail/mailbox';
import { muteUser } from '@/lib/mutes/mute-user';
import { listNotifications } from '@/lib/notifications/list-notifications';
import { setAvatar } from '@/lib/profiles/avatar';
import { saveArticleForLater } from '@/lib/reading-list/save-article';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { localExecutor } from '@/jobs/runtime';
import { dataExportsTrimRequested } from './events';
import { gridFsBucket } from '@/lib/media/media-store';
import { EXPORTS_BUCKET } from './export-files';
import { latestDataExport } from './latest-export';
import { DataExportModel } from './model';
import { openExportDownload } from './open-download';
import { requestDataExport } from './request-export';

setUpTestStores();

type Person = Awaited<ReturnType<typeof makeUser>>;

const image = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#336699' } })
    .png()
    .toBuffer();

async function write(author: Person, title: string, body: string, publish: boolean) {
  const draft = await createArticle(author.viewer, { title, body, tags: ['export'] });
  if (!draft.ok) throw new Error(JSON.stringify(draft));
  if (!publish) return draft.value;
  const published = await saveArticle(author.viewer, draft.value.id, {}, 'publish');
  if (!published.ok) throw new Error(JSON.stringify(published));
  return published.value;
}

async function download(person: Person, exportId: string): Promise<Buffer> {
  const opened = await openExportDownload(person.id, exportId);
  if (!opened) throw new Error('no download');
  const chunks: Buffer[] = [];
  for await (const chunk of Readable.fromWeb(
    opened.file.body as import('node:stream/web').ReadableStream,
  ))
    chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function setUpWriter() {
  const [ada, bob, cat] = await Promise.all([makeUser('ada'), makeUser('bob'), makeUser('cat')]);
  await sendFriendRequest(ada.id, bob.id);
  await acceptFriendRequest(bob.id, ada.id);
  await sendFriendRequest(cat.id, ada.id);
  expect((await setAvatar(ada.viewer, await image(300, 300))).ok).toBe(true);
  const published = await write(ada, 'A published piece', '# Hello\n\nThe *first* words.', true);
  // An update keeps the text it replaced ("History"): the export carries it too.
  const updated = await saveArticle(
    ada.viewer,
    published.id,
    { body: '# Hello\n\nThe *second* words.' },
    'save',
  );
  expect(updated.ok).toBe(true);
  const draft = await write(ada, 'A draft: not yet', 'Still "thinking"\n---\nabout it.', false);
  expect((await setCover(ada.viewer, published.id, await image(800, 400))).ok).toBe(true);
  expect((await addArticleImage(ada.viewer, published.id, await image(1200, 900))).ok).toBe(true);
  const bobs = await write(bob, 'Bob writes', 'Hi.', true);
  const comment = await addComment(ada.viewer, bobs.id, { body: 'Lovely, Bob.' });
  const ownComment = await addComment(ada.viewer, published.id, { body: 'A note to self.' });
  expect(comment.ok && ownComment.ok).toBe(true);
  expect((await setLike(ada.viewer, bobs.id, true)).ok).toBe(true);
  expect((await saveArticleForLater(ada.viewer, bobs.id)).ok).toBe(true);
  await localExecutor().idle();
  // Ada muted Cat; Bob muted Ada, which her export must not reveal.
  expect((await muteUser(ada.id, cat.id)).ok && (await muteUser(bob.id, ada.id)).ok).toBe(true);
  return { ada, bob, cat, published, draft, bobs };
}

describe('the data export', () => {
  it('zips the profile, every article with front matter, comments, likes, friends and media; only its owner can download it', async () => {
    const { ada, bob, cat, published, draft, bobs } = await setUpWriter();
    const requested = await requestDataExport(ada.viewer);
    if (!requested.ok) throw new Error(JSON.stringify(requested));
    expect(requested.value.status).toBe('preparing');
    // Asking again while it is prepared answers the same export (no second job).
    expect(await requestDataExport(ada.viewer)).toMatchObject({
      ok: true,
      value: { id: requested.value.id },
    });
    await localExecutor().idle();
    const exportId = requested.value.id;
    const ready = await latestDataExport(ada.id);
    expect(ready).toMatchObject({
      status: 'ready',
      downloadPath: `/settings/data-export/${exportId}`,
    });
    const days = (Date.parse(ready!.expiresAt!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);

    const files = await unzip(await download(ada, exportId));
    const json = (name: string) => JSON.parse(files.get(name)?.toString('utf8') ?? 'null');
    const profile = json('profile.json');
    expect(profile).toMatchObject({ username: ada.username, email: `${ada.username}@example.com` });

    const markdown = [...files.keys()].filter((name) => name.startsWith('articles/'));
    expect(markdown.sort()).toEqual(
      [`articles/${draft.slug}.md`, `articles/${published.slug}.md`].sort(),
    );
    const [, front, body] = files
      .get(`articles/${draft.slug}.md`)!
      .toString('utf8')
      .split(/^---\n/m);
    expect(parseYaml(front!)).toMatchObject({
      title: 'A draft: not yet',
      status: 'draft',
      tags: ['export'],
      url: null,
    });
    expect(body).toContain('Still "thinking"');
    const publishedText = files.get(`articles/${published.slug}.md`)!.toString('utf8');
    const publishedFront = parseYaml(publishedText.split(/^---\n/m)[1]!) as {
      url: string;
      cover: string[];
    };
    expect(publishedFront.url).toMatch(new RegExp(`/u/${ada.usernameKey}/${published.slug}$`));
    expect(publishedText).toContain('The *second* words.');
    expect(json('revisions.json')).toMatchObject([
      {
        articleId: published.id,
        title: 'A published piece',
        body: '# Hello\n\nThe *first* words.',
      },
    ]);

    const comments = json('comments.json') as { body: string; article: { title: string } | null }[];
    expect(comments.map((comment) => comment.body).sort()).toEqual([
      'A note to self.',
      'Lovely, Bob.',
    ]);
    expect(comments.find((comment) => comment.body === 'Lovely, Bob.')?.article?.title).toBe(
      'Bob writes',
    );
    expect(json('likes.json')).toMatchObject([
      { articleId: bobs.id, article: { title: 'Bob writes' } },
    ]);
    expect(json('saved.json')).toMatchObject([
      { articleId: bobs.id, article: { title: 'Bob writes' }, savedAt: expect.any(String) },
    ]);
    const friends = json('friends.json') as { username: string; status: string }[];
    expect(friends).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ username: bob.username, status: 'friends' }),
        expect.objectContaining({ status: 'request received' }),
      ]),
    );
    expect(friends).toHaveLength(2);
    expect(json('muted.json')).toEqual([
      expect.objectContaining({ username: cat.username, mutedAt: expect.any(String) }),
    ]);

    // Media: every stored rendition of the avatar and the cover, as real WebP images.
    const media = [...files.keys()].filter((name) => name.startsWith('media/'));
    expect(media.filter((name) => name.startsWith(`media/avatars/${ada.id}/`))).toHaveLength(3);
    expect(publishedFront.cover.every((name) => files.has(name))).toBe(true);
    // The image inside the article: the file its Markdown link names, not the smaller copies.
    const inline = media.filter((name) => name.startsWith(`media/images/${published.id}/`));
    expect(inline).toEqual([
      expect.stringMatching(/^media\/images\/[a-f0-9]{24}\/[a-f0-9]{20}-1200x900\.webp$/),
    ]);
    expect(media).toHaveLength(3 + publishedFront.cover.length + 1);
    for (const name of media)
      expect((await sharp(files.get(name)!).metadata()).format).toBe('webp');

    // Owner only: another person (and a made-up id) gets nothing.
    expect(await openExportDownload(bob.id, exportId)).toBeNull();
    expect(await openExportDownload(ada.id, '0123456789abcdef01234567')).toBeNull();

    // One notification and one mail, carrying the link.
    const notifications = await listNotifications(ada.id);
    expect(notifications.filter((item) => item.kind === 'data-export')).toHaveLength(1);
    const mails = (await readMailbox(`${ada.username}@example.com`)).filter(
      (mail) => mail.subject === 'Your Inkwell data is ready',
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain(`/settings/data-export/${exportId}`);
  });

  it('is limited to one an hour, and is deleted with its file after 7 days', async () => {
    const eve = await makeUser('eve');
    const first = await requestDataExport(eve.viewer);
    if (!first.ok) throw new Error(JSON.stringify(first));
    await localExecutor().idle();
    expect(await requestDataExport(eve.viewer)).toMatchObject({ ok: false, code: 'rate-limited' });

    const files = async () =>
      (await gridFsBucket(EXPORTS_BUCKET)).find({ filename: `${first.value.id}.zip` }).toArray();
    expect(await files()).toHaveLength(1);
    // Seven days later: the link no longer works, and the trim job deletes file and record.
    await DataExportModel.updateOne(
      { _id: first.value.id },
      { expiresAt: new Date(Date.now() - 1) },
    );
    expect(await openExportDownload(eve.id, first.value.id)).toBeNull();
    await inngest.send(dataExportsTrimRequested.create({}));
    await localExecutor().idle();
    expect(await files()).toHaveLength(0);
    expect(await DataExportModel.findById(first.value.id).lean()).toBeNull();
    expect(await latestDataExport(eve.id)).toBeNull();
  });

  it('builds each export once when its event is delivered again', async () => {
    const fay = await makeUser('fay');
    await write(fay, 'Once', 'Only once.', false);
    const requested = await requestDataExport(fay.viewer);
    if (!requested.ok) throw new Error(JSON.stringify(requested));
    await localExecutor().idle();
    const { dataExportRequested } = await import('./events');
    await inngest.send(
      dataExportRequested.create({ exportId: requested.value.id, userId: fay.id }),
    );
    await localExecutor().idle();
    const runs = localExecutor().history.filter(
      (run) => run.functionId.endsWith('build-data-export') && run.status === 'completed',
    );
    expect(runs.at(-1)?.output).toMatchObject({ skipped: 'export is ready' });
    const stored = await (
      await gridFsBucket(EXPORTS_BUCKET)
    )
      .find({ filename: `${requested.value.id}.zip` })
      .toArray();
    expect(stored).toHaveLength(1);
    const mails = (await readMailbox(`${fay.username}@example.com`)).filter(
      (mail) => mail.subject === 'Your Inkwell data is ready',
    );
    expect(mails).toHaveLength(1);
  });
});
