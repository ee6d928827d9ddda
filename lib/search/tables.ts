import { env } from '@/lib/config/env';
import { searchSql } from './engine';
import { manticoreCreateTables } from './schema';

/**
 * Creates the indexes on a Manticore that lacks them (the deploy's migration). The embedded
 * Sphinx 2.2 declares them in its config and refuses CREATE TABLE as a syntax error: nothing to
 * do there. Answers what happened, for the migration's log.
 */
export async function ensureSearchTables(): Promise<string> {
  if (!env().SEARCH_URL) return 'search: SEARCH_URL is not set, nothing to create';
  try {
    for (const statement of manticoreCreateTables()) await searchSql(statement);
    return 'search: tables created or already there';
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'errno' in error && error.errno === 1064)
      return 'search: the engine declares its indexes in its config (Sphinx)';
    throw error;
  }
}
