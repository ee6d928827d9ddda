import type { Model, ProjectionType } from 'mongoose';
import { Types } from 'mongoose';

/** Up to this many ids are read one by one (a cache miss's handful); more in one `$in`. */
const ONE_BY_ONE_UP_TO = 64;
/** Reads of one call in flight at once. */
const AT_ONCE = 8;

/**
 * The documents with these ids, in no particular order (missing ones left out). A handful (what
 * a cache miss of a list or a stream needs) are read one `_id` lookup each, a few at a time: on
 * MongoDB each is one index lookup, and on FerretDB v1 (tests, the demo, the bench) an equality on
 * `_id` is pushed down to PostgreSQL while `$in` is not, so one `$in` there fetches and decodes
 * the whole collection (minutes at 200,000 articles: docs/performance.md).
 */
export async function findByIds<Doc>(
  model: Model<Doc>,
  ids: readonly (string | Types.ObjectId)[],
  projection?: ProjectionType<Doc>,
): Promise<Doc[]> {
  const unique = [...new Set(ids.map(String))].filter((id) => Types.ObjectId.isValid(id));
  if (unique.length === 0) return [];
  if (unique.length > ONE_BY_ONE_UP_TO) {
    return (await model.find({ _id: { $in: unique } }, projection).lean()) as Doc[];
  }
  const found: Doc[] = [];
  for (let start = 0; start < unique.length; start += AT_ONCE) {
    const rows = await Promise.all(
      unique
        .slice(start, start + AT_ONCE)
        .map((id) => model.findOne({ _id: new Types.ObjectId(id) }, projection).lean()),
    );
    for (const row of rows) if (row) found.push(row as Doc);
  }
  return found;
}
