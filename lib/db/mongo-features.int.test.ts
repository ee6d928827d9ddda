import mongoose, { Schema, type Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequestContext, runWithRequestContext } from '@/lib/request/context';
import { connectDb, databaseStatus, disconnectDb, ensureIndexes } from './connection';

/**
 * Proves, on the database the suite runs against (FerretDB by default), every mongoose feature
 * the app relies on. All of it is in the portable subset that real MongoDB serves too.
 */
interface Author {
  handle: string;
  followers: number;
  tags: string[];
}
interface Post {
  author: Types.ObjectId;
  title: string;
  publishedAt: Date;
  likes: number;
}

const AuthorModel = mongoose.model<Author>(
  'FeatureAuthor',
  new Schema<Author>({
    handle: { type: String, required: true, unique: true },
    followers: { type: Number, default: 0 },
    tags: { type: [String], default: [] },
  }),
);
const PostModel = mongoose.model<Post>(
  'FeaturePost',
  new Schema<Post>({
    author: { type: Schema.Types.ObjectId, ref: 'FeatureAuthor', required: true },
    title: { type: String, required: true },
    publishedAt: { type: Date, required: true },
    likes: { type: Number, default: 0 },
  }).index({ author: 1, publishedAt: -1 }),
);

beforeAll(async () => {
  await connectDb();
  await ensureIndexes();
});

afterAll(async () => {
  await mongoose.connection.db?.dropDatabase();
  await disconnectDb();
});

describe('MongoDB features on the embedded database', () => {
  it('names the engine', async () => {
    const status = await databaseStatus();
    expect(status.ok).toBe(true);
    expect(status.engine).toBe(process.env.MONGODB_ENGINE_EXPECTED ?? 'FerretDB');
  });

  it('raises code 11000 on a unique-index violation', async () => {
    await AuthorModel.create({ handle: 'ada' });
    await expect(AuthorModel.create({ handle: 'ada' })).rejects.toMatchObject({ code: 11000 });
  });

  it('upserts with findOneAndUpdate and returns the document after the update', async () => {
    const created = await AuthorModel.findOneAndUpdate(
      { handle: 'grace' },
      { $setOnInsert: { handle: 'grace' }, $inc: { followers: 1 } },
      { upsert: true, returnDocument: 'after' },
    );
    expect(created?.followers).toBe(1);
    const updated = await AuthorModel.findOneAndUpdate(
      { handle: 'grace' },
      { $setOnInsert: { handle: 'grace' }, $inc: { followers: 1 } },
      { upsert: true, returnDocument: 'after' },
    );
    expect(updated?._id.equals(created?._id)).toBe(true);
    expect(updated?.followers).toBe(2);
  });

  // FerretDB v1 applies updates as read-modify-write: concurrent updates to one document can
  // lose writes (docs/architecture.md). The app serialises writers itself; here, one at a time.
  it('applies $inc, $addToSet and $pull', async () => {
    await AuthorModel.create({ handle: 'linus', tags: ['c'] });
    for (let index = 0; index < 20; index += 1) {
      await AuthorModel.updateOne({ handle: 'linus' }, { $inc: { followers: 1 } });
    }
    await AuthorModel.updateOne(
      { handle: 'linus' },
      { $addToSet: { tags: { $each: ['git', 'c'] } } },
    );
    await AuthorModel.updateOne({ handle: 'linus' }, { $pull: { tags: 'c' } });
    const linus = await AuthorModel.findOne({ handle: 'linus' }).lean();
    expect(linus?.followers).toBe(20);
    expect(linus?.tags).toEqual(['git']);
  });

  it('populates references', async () => {
    const author = await AuthorModel.create({ handle: 'barbara' });
    await PostModel.create({
      author: author._id,
      title: 'On abstraction',
      publishedAt: new Date(),
    });
    const post = await PostModel.findOne({ title: 'On abstraction' })
      .populate<{ author: Author }>('author')
      .lean();
    expect(post?.author.handle).toBe('barbara');
  });

  it('runs bulkWrite with inserts, updates and upserts', async () => {
    const author = await AuthorModel.create({ handle: 'edsger' });
    const result = await PostModel.bulkWrite([
      {
        insertOne: {
          document: { author: author._id, title: 'A', publishedAt: new Date(1), likes: 0 },
        },
      },
      {
        insertOne: {
          document: { author: author._id, title: 'B', publishedAt: new Date(2), likes: 0 },
        },
      },
      { updateOne: { filter: { title: 'A' }, update: { $inc: { likes: 5 } } } },
      {
        updateOne: {
          filter: { title: 'C' },
          update: {
            $setOnInsert: { author: author._id, title: 'C', publishedAt: new Date(3), likes: 1 },
          },
          upsert: true,
        },
      },
    ]);
    expect(result.insertedCount).toBe(2);
    expect(result.modifiedCount).toBe(1);
    expect(result.upsertedCount).toBe(1);
    expect((await PostModel.findOne({ title: 'A' }).lean())?.likes).toBe(5);
  });

  it('pages with a cursor over (publishedAt, _id), newest first, with no gaps or repeats', async () => {
    const author = await AuthorModel.create({ handle: 'donald' });
    const same = new Date('2026-01-01T00:00:00Z');
    await PostModel.insertMany(
      Array.from({ length: 25 }, (_, index) => ({
        author: author._id,
        title: `P${index}`,
        // Several posts share a timestamp: the _id tie-breaker keeps pages exact.
        publishedAt: index % 5 === 0 ? same : new Date(same.getTime() + index * 1000),
      })),
    );
    const seen: string[] = [];
    let cursor: { publishedAt: Date; id: Types.ObjectId } | undefined;
    for (let page = 0; page < 10; page += 1) {
      const filter = cursor
        ? {
            author: author._id,
            $or: [
              { publishedAt: { $lt: cursor.publishedAt } },
              { publishedAt: cursor.publishedAt, _id: { $lt: cursor.id } },
            ],
          }
        : { author: author._id };
      const rows = await PostModel.find(filter).sort({ publishedAt: -1, _id: -1 }).limit(7).lean();
      if (rows.length === 0) break;
      seen.push(...rows.map((row) => row.title));
      const last = rows[rows.length - 1];
      if (!last) break;
      cursor = { publishedAt: last.publishedAt, id: last._id };
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
  });

  // FerretDB v1 computes only the first $sum of a $group (later ones come back 0): one per stage.
  it('runs a simple aggregation ($match, $group, $sort, $limit, $count)', async () => {
    const author = await AuthorModel.create({ handle: 'alan' });
    await PostModel.insertMany([
      { author: author._id, title: 'x1', publishedAt: new Date(), likes: 3 },
      { author: author._id, title: 'x2', publishedAt: new Date(), likes: 4 },
    ]);
    const totals = await PostModel.aggregate<{ _id: Types.ObjectId; likes: number }>([
      { $match: { author: author._id } },
      { $group: { _id: '$author', likes: { $sum: '$likes' } } },
      { $sort: { likes: -1 } },
      { $limit: 1 },
    ]);
    expect(totals).toEqual([{ _id: author._id, likes: 7 }]);
    const counted = await PostModel.aggregate<{ posts: number }>([
      { $match: { author: author._id } },
      { $count: 'posts' },
    ]);
    expect(counted).toEqual([{ posts: 2 }]);
  });

  it('counts the commands each request sends', async () => {
    const metrics = createRequestContext('count-test');
    await runWithRequestContext(metrics, async () => {
      await AuthorModel.findOne({ handle: 'ada' }).lean();
      await AuthorModel.countDocuments();
    });
    expect(metrics.mongo.commands).toBe(2);
    expect(metrics.mongo.ms).toBeGreaterThan(0);
    const idle = createRequestContext('idle');
    await runWithRequestContext(idle, async () => undefined);
    expect(idle.mongo.commands).toBe(0);
  });
});
