import { Readable } from 'node:stream';
import { Types } from 'mongoose';
import { ArticleModel } from '@/lib/articles/models';
import { env } from '@/lib/config/env';
import { connectDb } from '@/lib/db/connection';
import { gridFsBucket, openMediaFile } from '@/lib/media/media-store';
import { listInlineImages } from '@/lib/media/inline-images';
import { renditionFileNames } from '@/lib/media/names';
import { UserModel } from '@/lib/users/user-model';
import { articleMarkdown } from './article-markdown';
import {
  commentsStream,
  friendsStream,
  likesStream,
  mutedStream,
  revisionsStream,
  savedStream,
} from './lists';

/** One file of the zip, opened only when the zip writer reaches it (one at a time). */
export interface ExportEntry {
  name: string;
  open: () => Promise<Readable>;
}

/** What the zip holds, as lazy entries: nothing is read before the writer asks for it. */
export async function listExportEntries(userId: string): Promise<ExportEntry[]> {
  await connectDb();
  const owner = new Types.ObjectId(userId);
  const user = await UserModel.findById(owner).lean();
  // An account being deleted is exported no more: what its deletion removes must not be copied.
  if (!user || user.deletedAt) return [];
  const base = env().appUrl;
  const articles = await ArticleModel.find(
    { authorId: owner },
    { _id: 1, slug: 1, cover: 1 },
  ).lean();
  const names = new Set<string>();
  const articleEntries = articles.map(({ _id, slug }) => {
    const name = names.has(slug) ? `${slug}-${_id.toString()}` : slug;
    names.add(name);
    return {
      name: `articles/${name}.md`,
      open: async () => {
        const article = await ArticleModel.findById(_id).lean();
        if (!article) return Readable.from([]);
        const address =
          article.status === 'published' ? `${base}/u/${user.usernameKey}/${article.slug}` : null;
        return Readable.from([articleMarkdown(article, address)]);
      },
    };
  });
  const media = [
    ...(user.avatar ? renditionFileNames('avatar', userId, user.avatar) : []),
    ...articles.flatMap(({ _id, cover }) =>
      cover ? renditionFileNames('cover', _id.toString(), cover) : [],
    ),
    // Images inside articles: the file each Markdown link names (media/images/…), not the smaller copies.
    ...(await Promise.all(articles.map(({ _id }) => listInlineImages(_id.toString())))).flatMap(
      (images) => images.map((image) => image.filename),
    ),
  ];
  const stored = await gridFsBucket('media').then((bucket) =>
    bucket.find({ filename: { $in: media } }, { projection: { filename: 1 } }).toArray(),
  );
  const storedNames = new Set(stored.map((file) => file.filename));
  const profile = {
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    bio: user.bio,
    links: user.links.map(({ label, url }) => ({ label, url })),
    avatar: user.avatar ? renditionFileNames('avatar', userId, user.avatar).map(inZip) : null,
    profileUrl: `${base}/u/${user.usernameKey}`,
    joinedAt: user.createdAt.toISOString(),
    friendCount: user.friendCount,
    hasPassword: Boolean(user.passwordHash),
    exportedAt: new Date().toISOString(),
  };
  return [
    { name: 'profile.json', open: async () => Readable.from([JSON.stringify(profile, null, 2)]) },
    ...articleEntries,
    { name: 'revisions.json', open: async () => revisionsStream(userId) },
    { name: 'comments.json', open: async () => commentsStream(userId) },
    { name: 'likes.json', open: async () => likesStream(userId) },
    { name: 'friends.json', open: async () => friendsStream(userId) },
    { name: 'saved.json', open: async () => savedStream(userId) },
    { name: 'muted.json', open: async () => mutedStream(userId) },
    ...media
      .filter((name) => storedNames.has(name))
      .map((name) => ({
        name: inZip(name),
        open: async () => {
          const file = await openMediaFile(name);
          if (!file) throw new Error(`media ${name} vanished during the export`);
          return Readable.fromWeb(file.body as import('node:stream/web').ReadableStream);
        },
      })),
  ];
}

function inZip(mediaName: string): string {
  return `media/${mediaName}`;
}
