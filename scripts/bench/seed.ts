import { Types } from 'mongoose';
import { hashPassword } from '../../lib/auth/passwords';
import { UserModel } from '../../lib/users/user-model';
import { ActivityModel } from '../../lib/activity/model';
import { ArticleModel, ArticleSlugModel } from '../../lib/articles/models';
import { connectDb, ensureIndexes } from '../../lib/db/connection';
import { FriendshipModel, pairKeyOf } from '../../lib/friends/models';

export const BENCH_PASSWORD = 'quill-and-parchment-42';

export interface BenchScale {
  users: number;
  friendsPerUser: number;
  /** Friends of the one "star" author (user 0), for the fan-out measurement. */
  starFriends: number;
  articles: number;
}

export interface Seeded {
  star: { id: string; username: string; friendIds: string[] };
  reader: { id: string; username: string };
  articlePath: string;
  articleId: string;
  profilePath: string;
  counts: { users: number; friendships: number; articles: number };
}

/** A deterministic pseudo-random sequence, so every run seeds the same data set. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

async function insertInChunks<T>(
  insert: (rows: T[]) => Promise<unknown>,
  rows: T[],
  size = 2_000,
): Promise<void> {
  for (let start = 0; start < rows.length; start += size)
    await insert(rows.slice(start, start + size));
}

type SeedUser = { _id: Types.ObjectId };

/** The star's friendships, then about `friendsPerUser` random friends for everyone else. */
function friendshipRows(users: SeedUser[], scale: BenchScale, next: () => number, now: number) {
  const pairs = new Map<string, [Types.ObjectId, Types.ObjectId]>();
  const link = (a: number, b: number) => {
    if (a === b) return;
    const [x, y] = [users[a]?._id, users[b]?._id];
    if (!x || !y) return;
    pairs.set(pairKeyOf(x.toString(), y.toString()), x.toString() < y.toString() ? [x, y] : [y, x]);
  };
  for (let friend = 1; friend <= Math.min(scale.starFriends, scale.users - 1); friend += 1)
    link(0, friend);
  for (let user = 1; user < scale.users; user += 1) {
    for (let edge = 0; edge < scale.friendsPerUser / 2; edge += 1)
      link(user, 1 + Math.floor(next() * (scale.users - 1)));
  }
  return [...pairs.entries()].map(([pairKey, ids]) => ({
    pairKey,
    users: ids,
    status: 'accepted',
    requestedBy: ids[0],
    requestedAt: new Date(now - 60 * 86_400_000),
    acceptedAt: new Date(now - 60 * 86_400_000),
  }));
}

/** Published articles by random authors (not the star) over the last 60 days. */
function articleRows(users: SeedUser[], scale: BenchScale, next: () => number, now: number) {
  return Array.from({ length: scale.articles }, (_, index) => {
    const author = users[1 + Math.floor(next() * (scale.users - 1))] ?? users[1];
    const publishedAt = new Date(now - Math.floor(next() * 60 * 86_400_000));
    return {
      _id: new Types.ObjectId(),
      authorId: author?._id,
      title: `Benchmark article ${index}`,
      slug: `benchmark-article-${index}`,
      body: `## Part one\n\nThis is article ${index}. It has **bold** words, a [link](https://example.com) and code:\n\n\`\`\`js\nconst answer = ${index};\n\`\`\`\n\n${'Prose fills the page. '.repeat(40)}`,
      tags: [`topic-${index % 50}`],
      visibility: index % 10 === 0 ? 'friends' : 'public',
      status: 'published',
      version: 1,
      publishedAt,
      createdAt: publishedAt,
      updatedAt: publishedAt,
    };
  });
}

/** Seeds users, friendships, articles (with their slugs) and publish activities straight into MongoDB. */
export async function seedBench(scale: BenchScale): Promise<Seeded> {
  await connectDb();
  await ensureIndexes();
  const next = random(42);
  const now = Date.now();
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const users = Array.from({ length: scale.users }, (_, index) => ({
    _id: new Types.ObjectId(),
    email: `bench_${index}@example.com`,
    username: `bench_${index}`,
    usernameKey: `bench_${index}`,
    displayName: `Bench Writer ${index}`,
    bio: 'Writes benchmark prose.',
    passwordHash,
    createdAt: new Date(now - 90 * 86_400_000),
    updatedAt: new Date(now - 90 * 86_400_000),
  }));
  await insertInChunks((rows) => UserModel.insertMany(rows, { ordered: false }), users);

  const friendships = friendshipRows(users, scale, next, now);
  await insertInChunks((rows) => FriendshipModel.insertMany(rows, { ordered: false }), friendships);

  const articles = articleRows(users, scale, next, now);
  await insertInChunks((rows) => ArticleModel.insertMany(rows, { ordered: false }), articles);
  await insertInChunks(
    (rows) => ArticleSlugModel.insertMany(rows, { ordered: false }),
    articles.map((article) => ({
      authorId: article.authorId,
      slug: article.slug,
      articleId: article._id,
    })),
  );
  await insertInChunks(
    (rows) => ActivityModel.insertMany(rows, { ordered: false }),
    articles.map((article) => ({
      verb: 'published',
      actorId: article.authorId,
      articleId: article._id,
      key: `published:${article._id.toString()}:${article.publishedAt.toISOString()}`,
      createdAt: article.publishedAt,
    })),
  );

  const reader = users[1];
  const readerFriends = new Set(
    friendships.flatMap((row) =>
      row.users[0].equals(reader?._id ?? '')
        ? [row.users[1].toString()]
        : row.users[1].equals(reader?._id ?? '')
          ? [row.users[0].toString()]
          : [],
    ),
  );
  const byFriend = articles.find(
    (article) => article.visibility === 'public' && readerFriends.has(String(article.authorId)),
  );
  const pick = byFriend ?? articles.find((article) => article.visibility === 'public');
  const pickAuthor = users.find((user) => user._id.equals(pick?.authorId ?? ''));
  return {
    star: {
      id: String(users[0]?._id),
      username: users[0]?.username ?? 'bench_0',
      friendIds: users.slice(1, 1 + scale.starFriends).map((user) => String(user._id)),
    },
    reader: { id: String(reader?._id), username: reader?.username ?? 'bench_1' },
    articlePath: `/u/${pickAuthor?.usernameKey}/${pick?.slug}`,
    articleId: String(pick?._id),
    profilePath: `/u/${pickAuthor?.usernameKey}`,
    counts: { users: users.length, friendships: friendships.length, articles: articles.length },
  };
}
