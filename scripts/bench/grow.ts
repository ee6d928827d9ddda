import mongoose, { type Types } from 'mongoose';
import { hashPassword } from '../../lib/auth/passwords';
import { FriendshipModel } from '../../lib/friends/models';
import { UserModel } from '../../lib/users/user-model';
import {
  articleDoc,
  BENCH_PASSWORD,
  friendshipDoc,
  insertArticles,
  insertInChunks,
  random,
  seedModels,
  userDoc,
  type BenchScale,
  type Seeded,
} from './seed';

const DAY_MS = 86_400_000;
/**
 * Bulk inserts for the 10x step, two chunks at a time (FerretDB and PostgreSQL both work). A chunk
 * of 1,000 finishes well within the driver's 20 s socket timeout even on a loaded machine (5,000
 * did not); FerretDB writes 100 rows per SQL statement whatever the chunk.
 */
const BULK = { size: 1_000, parallel: 2 };

export interface Grown {
  counts: Seeded['counts'];
  /** How long generating and inserting the additions took. */
  seconds: number;
  /** Usernames of people who only exist in the grown data set (the cold-view step's authors). */
  newUsernames: (count: number) => string[];
}

/**
 * Grows the seeded data set to `factor` times its size in place: people `scale.users` to
 * `factor × scale.users - 1`, each with about `friendsPerUser / 2` friendships to earlier people
 * (so every pair is made once, by its later person, and needs no dedupe map: on average everyone
 * then has `friendsPerUser` friends, earlier people more), and articles `scale.articles` to
 * `factor × scale.articles - 1` by random authors among everyone, with their slugs and publish
 * activities. Documents come from the seed's own builders and are streamed into bulk inserts.
 */
export async function growBench(
  scale: BenchScale,
  seeded: Seeded,
  factor: number,
  friendsPerUser = scale.friendsPerUser,
): Promise<Grown> {
  const started = Date.now();
  // A connection of its own with a 2-minute socket timeout: on a loaded machine a chunk may wait
  // longer than the app's 20 s for FerretDB (a job's scans hold its PostgreSQL pool); FerretDB's
  // pool was also seen stuck for good (docs/performance.md), and then the step fails, not hangs.
  const patient = await mongoose
    .createConnection(process.env.MONGODB_URI ?? '', {
      socketTimeoutMS: 120_000,
      maxPoolSize: 4,
      autoIndex: false,
      autoCreate: false,
    })
    .asPromise();
  try {
    return await grow(scale, seeded, factor, friendsPerUser, patient, started);
  } finally {
    await patient.close();
  }
}

async function grow(
  scale: BenchScale,
  seeded: Seeded,
  factor: number,
  friendsPerUser: number,
  patient: mongoose.Connection,
  started: number,
): Promise<Grown> {
  const bind = <T>(model: mongoose.Model<T>) => patient.model<T>(model.modelName, model.schema);
  const Users = bind(UserModel);
  const Friendships = bind(FriendshipModel);
  const models = {
    Article: bind(seedModels.Article),
    ArticleSlug: bind(seedModels.ArticleSlug),
    Activity: bind(seedModels.Activity),
  };
  const next = random(4242);
  const now = Date.now();
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const users = factor * scale.users;
  const ids: Types.ObjectId[] = [...seeded.userIds];
  const newUsers = function* () {
    for (let index = scale.users; index < users; index += 1) {
      const user = userDoc(index, passwordHash, now);
      ids.push(user._id);
      yield user;
    }
  };
  await insertInChunks((rows) => Users.insertMany(rows, { ordered: false }), newUsers(), BULK);
  console.log(`  ${users - scale.users} people in ${Math.round((Date.now() - started) / 1000)} s`);

  const edges = Math.round(friendsPerUser / 2);
  const friendships = function* () {
    for (let user = scale.users; user < users; user += 1) {
      const me = ids[user] as Types.ObjectId;
      const chosen = new Set<number>();
      // Friends among earlier people, never the star (user 0), as in the normal seed.
      while (chosen.size < Math.min(edges, user - 1))
        chosen.add(1 + Math.floor(next() * (user - 1)));
      for (const friend of chosen) yield friendshipDoc(me, ids[friend] as Types.ObjectId, now);
    }
  };
  // Built like the model's own documents (friendshipDoc), so mongoose need not cast 2 million of them.
  const friendshipCount = await insertInChunks(
    (rows) => Friendships.insertMany(rows, { ordered: false, lean: true }),
    friendships(),
    BULK,
  );
  console.log(`  ${friendshipCount} friendships in ${Math.round((Date.now() - started) / 1000)} s`);

  const articles = factor * scale.articles;
  const newArticles = function* () {
    for (let index = scale.articles; index < articles; index += 1) {
      const author = ids[1 + Math.floor(next() * (users - 1))] as Types.ObjectId;
      yield articleDoc(index, author, new Date(now - Math.floor(next() * 60 * DAY_MS)));
    }
  };
  await insertArticles(newArticles(), BULK, models);
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`  ${articles - scale.articles} articles in ${seconds} s`);
  return {
    counts: {
      users,
      friendships: seeded.counts.friendships + friendshipCount,
      articles: seeded.counts.articles + (articles - scale.articles),
    },
    seconds,
    newUsernames: (count) =>
      Array.from({ length: count }, (_, index) => `bench_${users - 1 - index * 7}`),
  };
}
