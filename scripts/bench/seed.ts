import { Types, type Model } from 'mongoose';
import { hashPassword } from '../../lib/auth/passwords';
import { UserModel } from '../../lib/users/user-model';
import { ActivityModel, type Activity } from '../../lib/activity/model';
import {
  ArticleModel,
  ArticleSlugModel,
  type Article,
  type ArticleSlug,
} from '../../lib/articles/models';
import { connectDb, ensureIndexes } from '../../lib/db/connection';
import { FriendshipModel, pairKeyOf } from '../../lib/friends/models';
import { postJson } from '../lib/stack';

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
  /** The measured article's author (username key) and its tag. */
  author: { username: string };
  articleTag: string;
  articlePath: string;
  articleId: string;
  profilePath: string;
  counts: { users: number; friendships: number; articles: number };
  /** Every seeded user's id, in seeding order (user i is `bench_i`): the 10x step adds to them. */
  userIds: Types.ObjectId[];
}

/** A deterministic pseudo-random sequence, so every run seeds the same data set. */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const DAY_MS = 86_400_000;

/**
 * Inserts rows in chunks, `parallel` chunks at a time (FerretDB converts each document on its own
 * goroutine per connection, PostgreSQL writes them on its own backends: two streams keep both
 * busy). Rows may come from a generator, so a large data set is never all in memory.
 */
export async function insertInChunks<T>(
  insert: (rows: T[]) => Promise<unknown>,
  rows: Iterable<T>,
  { size = 2_000, parallel = 1 }: { size?: number; parallel?: number } = {},
): Promise<number> {
  let inserted = 0;
  const running = new Set<Promise<unknown>>();
  let chunk: T[] = [];
  const flush = async () => {
    const sending: Promise<unknown> = insert(chunk).then(() => running.delete(sending));
    inserted += chunk.length;
    chunk = [];
    running.add(sending);
    if (running.size >= parallel) await Promise.race(running);
  };
  for (const row of rows) {
    chunk.push(row);
    if (chunk.length >= size) await flush();
  }
  if (chunk.length > 0) await flush();
  await Promise.all(running);
  return inserted;
}

/** The document of user `index` (`bench_<index>`), as the sign-up would store it. */
export function userDoc(index: number, passwordHash: string, now: number) {
  return {
    _id: new Types.ObjectId(),
    email: `bench_${index}@example.com`,
    username: `bench_${index}`,
    usernameKey: `bench_${index}`,
    displayName: `Bench Writer ${index}`,
    bio: 'Writes benchmark prose.',
    passwordHash,
    createdAt: new Date(now - 90 * DAY_MS),
    updatedAt: new Date(now - 90 * DAY_MS),
  };
}

/** An accepted friendship of two people (smaller id first, as the app keys pairs). */
export function friendshipDoc(a: Types.ObjectId, b: Types.ObjectId, now: number) {
  const ids: [Types.ObjectId, Types.ObjectId] = a.toString() < b.toString() ? [a, b] : [b, a];
  return {
    _id: new Types.ObjectId(),
    pairKey: pairKeyOf(a.toString(), b.toString()),
    users: ids,
    status: 'accepted' as const,
    requestedBy: ids[0],
    requestedAt: new Date(now - 60 * DAY_MS),
    acceptedAt: new Date(now - 60 * DAY_MS),
    // What mongoose's insert adds: the bulk path of the 10x step inserts without it.
    __v: 0,
  };
}

/** The body of a benchmark article (and of the articles the cold-view step publishes). */
export function articleBody(index: number | string): string {
  return `## Part one\n\nThis is article ${index}. It has **bold** words, a [link](https://example.com) and code:\n\n\`\`\`js\nconst answer = ${JSON.stringify(index)};\n\`\`\`\n\n${'Prose fills the page. '.repeat(40)}`;
}

/** Published article `index` by `authorId`; one in ten is for friends only. */
export function articleDoc(index: number, authorId: Types.ObjectId, publishedAt: Date) {
  return {
    _id: new Types.ObjectId(),
    authorId,
    title: `Benchmark article ${index}`,
    slug: `benchmark-article-${index}`,
    body: articleBody(index),
    tags: [`topic-${index % 50}`],
    visibility: index % 10 === 0 ? ('friends' as const) : ('public' as const),
    status: 'published' as const,
    version: 1,
    publishedAt,
    createdAt: publishedAt,
    updatedAt: publishedAt,
  };
}

type ArticleDoc = ReturnType<typeof articleDoc>;

/** The slug an article was published under (old addresses resolve through these). */
export function slugDoc(article: ArticleDoc) {
  return { authorId: article.authorId, slug: article.slug, articleId: article._id };
}

/** The "published" activity the fan-out would have recorded for an article. */
export function publishedActivityDoc(article: ArticleDoc) {
  return {
    verb: 'published',
    actorId: article.authorId,
    articleId: article._id,
    key: `published:${article._id.toString()}:${article.publishedAt.toISOString()}`,
    createdAt: article.publishedAt,
  };
}

/** The models an insert goes through (the 10x step binds them to a patient connection). */
export const seedModels = {
  Article: ArticleModel as Model<Article>,
  ArticleSlug: ArticleSlugModel as Model<ArticleSlug>,
  Activity: ActivityModel as Model<Activity>,
};

/** Inserts articles with their slugs and publish activities. */
export async function insertArticles(
  articles: Iterable<ArticleDoc>,
  options: { size?: number; parallel?: number } = {},
  models: typeof seedModels = seedModels,
): Promise<number> {
  return insertInChunks(
    async (rows) => {
      await models.Article.insertMany(rows, { ordered: false });
      await Promise.all([
        models.ArticleSlug.insertMany(rows.map(slugDoc), { ordered: false }),
        models.Activity.insertMany(rows.map(publishedActivityDoc), { ordered: false }),
      ]);
    },
    articles,
    options,
  );
}

type SeedUser = { _id: Types.ObjectId };

/** The star's friendships, then about `friendsPerUser` random friends for everyone else. */
function friendshipRows(users: SeedUser[], scale: BenchScale, next: () => number, now: number) {
  const pairs = new Map<string, ReturnType<typeof friendshipDoc>>();
  const link = (a: number, b: number) => {
    if (a === b) return;
    const [x, y] = [users[a]?._id, users[b]?._id];
    if (!x || !y) return;
    pairs.set(pairKeyOf(x.toString(), y.toString()), friendshipDoc(x, y, now));
  };
  for (let friend = 1; friend <= Math.min(scale.starFriends, scale.users - 1); friend += 1)
    link(0, friend);
  for (let user = 1; user < scale.users; user += 1) {
    for (let edge = 0; edge < scale.friendsPerUser / 2; edge += 1)
      link(user, 1 + Math.floor(next() * (scale.users - 1)));
  }
  return [...pairs.values()];
}

/** Published articles by random authors (not the star) over the last 60 days. */
function articleRows(users: SeedUser[], scale: BenchScale, next: () => number, now: number) {
  return Array.from({ length: scale.articles }, (_, index) => {
    const author = users[1 + Math.floor(next() * (scale.users - 1))] ?? users[1];
    const publishedAt = new Date(now - Math.floor(next() * 60 * DAY_MS));
    return articleDoc(index, author?._id ?? new Types.ObjectId(), publishedAt);
  });
}

/** Seeds users, friendships, articles (with their slugs) and publish activities straight into MongoDB. */
export async function seedBench(scale: BenchScale): Promise<Seeded> {
  await connectDb();
  await ensureIndexes();
  const next = random(42);
  const now = Date.now();
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const users = Array.from({ length: scale.users }, (_, index) =>
    userDoc(index, passwordHash, now),
  );
  await insertInChunks((rows) => UserModel.insertMany(rows, { ordered: false }), users);

  const friendships = friendshipRows(users, scale, next, now);
  await insertInChunks((rows) => FriendshipModel.insertMany(rows, { ordered: false }), friendships);

  const articles = articleRows(users, scale, next, now);
  await insertArticles(articles);

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
    author: { username: pickAuthor?.usernameKey ?? 'bench_2' },
    articleTag: pick?.tags[0] ?? 'topic-0',
    articlePath: `/u/${pickAuthor?.usernameKey}/${pick?.slug}`,
    articleId: String(pick?._id),
    profilePath: `/u/${pickAuthor?.usernameKey}`,
    counts: { users: users.length, friendships: friendships.length, articles: articles.length },
    userIds: users.map((user) => user._id),
  };
}

/**
 * What the warm-view checks read beyond the seeded rows, written through the API as people would
 * (so every write drops what it affects): the reader saves the article; a third person (the star)
 * comments on it, which notifies the author, and the author replies under that comment (a nested
 * conversation). Not the reader: a page naming the person who renders it is never kept as the
 * copy for every member, so the reader's own comment would make each of their views render.
 */
export async function seedReaderActivity(
  base: string,
  articleId: string,
  cookies: { reader: string; author: string; commenter: string },
): Promise<void> {
  const article = `/api/articles/${articleId}`;
  const saved = await fetch(`${base}${article}/save`, {
    method: 'PUT',
    headers: { Origin: base, Cookie: cookies.reader },
  });
  if (!saved.ok) throw new Error(`saving for later: ${saved.status} ${await saved.text()}`);
  const comment = await postJson(base, cookies.commenter, `${article}/comments`, {
    body: 'Which part was hardest to write?',
  });
  await postJson(base, cookies.author, `${article}/comments`, {
    body: 'The second half; thanks for asking.',
    parentId: String(comment.id),
  });
}
