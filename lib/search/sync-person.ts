import 'server-only';
import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { UserModel } from '@/lib/users/user-model';
import { personDocument, replaceStatement } from './documents';
import { searchSql } from './engine';
import { keyList, searchKey } from './keys';
import type { SyncOutcome } from './sync-article';

/**
 * Makes the `people` index agree with MongoDB about one person (username, display name; gone
 * once their account is being deleted). Idempotent, like syncArticleToSearch.
 */
export async function syncPersonToSearch(userId: string): Promise<SyncOutcome> {
  await connectDb();
  const user = Types.ObjectId.isValid(userId) ? await UserModel.findById(userId).lean() : null;
  const document = user ? personDocument(user) : null;
  const statement = document ? replaceStatement('people', [document]) : null;
  if (statement) await searchSql(statement.sql, statement.values);
  else await searchSql(`DELETE FROM people WHERE id = ${keyList([searchKey(userId)])}`);
  return statement ? 'indexed' : 'removed';
}
