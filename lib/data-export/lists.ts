import type { Readable } from 'node:stream';
import { Types } from 'mongoose';
import { canSeeArticle } from '@/lib/articles/access';
import { getArticleViews } from '@/lib/articles/cache';
import { articlePath } from '@/lib/articles/get-article-page';
import { CommentModel, LikeModel } from '@/lib/articles/models';
import { ArticleRevisionModel } from '@/lib/articles/revision-model';
import { env } from '@/lib/config/env';
import { FriendshipModel } from '@/lib/friends/models';
import { MuteModel } from '@/lib/mutes/model';
import { SavedArticleModel } from '@/lib/reading-list/model';
import { getUsersByIds } from '@/lib/users/cache';
import { inBatches, jsonArrayStream } from './json-stream';

/**
 * The lists of the export, each read from a MongoDB cursor in batches. Articles of others are
 * named (title, address) only while the person may still see them; otherwise by id alone, so an
 * export never shows what its owner could not read on the site.
 */
async function articleLinks(
  articleIds: readonly string[],
  viewerId: string,
): Promise<Map<string, { title: string; url: string }>> {
  const views = await getArticleViews([...new Set(articleIds)]);
  const authors = new Map(
    (await getUsersByIds(views.map((view) => view.authorId))).map((user) => [user.id, user]),
  );
  const links = new Map<string, { title: string; url: string }>();
  for (const view of views) {
    const author = authors.get(view.authorId);
    if (author && (await canSeeArticle(view, viewerId))) {
      links.set(view.id, {
        title: view.title,
        url: `${env().appUrl}${articlePath(author, view.slug)}`,
      });
    }
  }
  return links;
}

async function* commentBatches(userId: string) {
  const cursor = CommentModel.find({ authorId: new Types.ObjectId(userId) })
    .sort({ createdAt: 1 })
    .lean()
    .cursor({ batchSize: 100 });
  for await (const batch of inBatches(cursor)) {
    const links = await articleLinks(
      batch.map((comment) => comment.articleId.toString()),
      userId,
    );
    yield batch.map((comment) => ({
      id: comment._id.toString(),
      articleId: comment.articleId.toString(),
      article: links.get(comment.articleId.toString()) ?? null,
      replyTo: comment.parentId ? comment.parentId.toString() : null,
      body: comment.body,
      createdAt: comment.createdAt.toISOString(),
      editedAt: comment.editedAt ? comment.editedAt.toISOString() : null,
    }));
  }
}

async function* likeBatches(userId: string) {
  const cursor = LikeModel.find({ userId: new Types.ObjectId(userId) })
    .sort({ createdAt: 1 })
    .lean()
    .cursor({ batchSize: 100 });
  for await (const batch of inBatches(cursor)) {
    const links = await articleLinks(
      batch.map((like) => like.articleId.toString()),
      userId,
    );
    yield batch.map((like) => ({
      articleId: like.articleId.toString(),
      article: links.get(like.articleId.toString()) ?? null,
      likedAt: like.createdAt.toISOString(),
    }));
  }
}

/** Their reading list ("Saved"), in the order they saved. */
async function* savedBatches(userId: string) {
  const cursor = SavedArticleModel.find({ userId: new Types.ObjectId(userId) })
    .sort({ savedAt: 1 })
    .lean()
    .cursor({ batchSize: 100 });
  for await (const batch of inBatches(cursor)) {
    const links = await articleLinks(
      batch.map((saved) => saved.articleId.toString()),
      userId,
    );
    yield batch.map((saved) => ({
      articleId: saved.articleId.toString(),
      article: links.get(saved.articleId.toString()) ?? null,
      savedAt: saved.savedAt.toISOString(),
    }));
  }
}

/** Earlier versions of their published articles ("History"), oldest first per article. */
async function* revisionBatches(userId: string) {
  const cursor = ArticleRevisionModel.find({ authorId: new Types.ObjectId(userId) })
    .sort({ articleId: 1, version: 1 })
    .lean()
    .cursor({ batchSize: 100 });
  for await (const batch of inBatches(cursor)) {
    yield batch.map((revision) => ({
      articleId: revision.articleId.toString(),
      version: revision.version,
      title: revision.title,
      body: revision.body,
      tags: [...revision.tags],
      visibility: revision.visibility,
      savedAt: revision.savedAt.toISOString(),
    }));
  }
}

async function* friendBatches(userId: string) {
  const cursor = FriendshipModel.find({ users: new Types.ObjectId(userId) })
    .lean()
    .cursor({ batchSize: 100 });
  for await (const batch of inBatches(cursor)) {
    const otherOf = (users: readonly Types.ObjectId[]) =>
      users.map(String).find((id) => id !== userId) ?? '';
    const people = new Map(
      (await getUsersByIds(batch.map((row) => otherOf(row.users)))).map((user) => [user.id, user]),
    );
    yield batch.flatMap((row) => {
      const person = people.get(otherOf(row.users));
      if (!person) return [];
      const incoming = row.requestedBy.toString() !== userId;
      return [
        {
          username: person.username,
          displayName: person.displayName,
          profileUrl: `${env().appUrl}/u/${person.usernameKey}`,
          status:
            row.status === 'accepted' ? 'friends' : incoming ? 'request received' : 'request sent',
          since: (row.acceptedAt ?? row.requestedAt).toISOString(),
        },
      ];
    });
  }
}

export function commentsStream(userId: string): Readable {
  return jsonArrayStream(commentBatches(userId));
}

export function likesStream(userId: string): Readable {
  return jsonArrayStream(likeBatches(userId));
}

export function friendsStream(userId: string): Readable {
  return jsonArrayStream(friendBatches(userId));
}

export function revisionsStream(userId: string): Readable {
  return jsonArrayStream(revisionBatches(userId));
}

export function savedStream(userId: string): Readable {
  return jsonArrayStream(savedBatches(userId));
}

/** The people the person muted (never who muted them: that stays private to each muter). */
async function* mutedBatches(userId: string) {
  const cursor = MuteModel.find({ userId: new Types.ObjectId(userId) })
    .sort({ createdAt: 1 })
    .lean()
    .cursor({ batchSize: 100 });
  for await (const batch of inBatches(cursor)) {
    const people = new Map(
      (await getUsersByIds(batch.map((row) => row.mutedId.toString()))).map((user) => [
        user.id,
        user,
      ]),
    );
    yield batch.flatMap((row) => {
      const person = people.get(row.mutedId.toString());
      return person
        ? [
            {
              username: person.username,
              displayName: person.displayName,
              profileUrl: `${env().appUrl}/u/${person.usernameKey}`,
              mutedAt: row.createdAt.toISOString(),
            },
          ]
        : [];
    });
  }
}

export function mutedStream(userId: string): Readable {
  return jsonArrayStream(mutedBatches(userId));
}
