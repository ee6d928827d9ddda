import { createPool, format, type Pool, type RowDataPacket } from 'mysql2/promise';
import type { SqlValue } from 'mysql2';
import { env } from '@/lib/config/env';
import { logger } from '@/lib/log/logger';
import { CircuitBreaker } from '@/lib/redis/circuit-breaker';
import { globalSingleton } from '@/lib/util/global-singleton';

/** The engine cannot answer (not configured, down, too slow): search says so, nothing else fails. */
export class SearchUnavailable extends Error {
  constructor(cause?: unknown) {
    super('the search engine is unavailable', { cause });
    this.name = 'SearchUnavailable';
  }
}

export type SearchRow = RowDataPacket & Record<string, string | number | null>;

const QUERY_TIMEOUT_MS = 2_000;

/**
 * The engine stops each SELECT after this long and answers what it found so far (`OPTION
 * max_query_time`): one costly query never holds a connection for the whole client timeout.
 */
export const ENGINE_QUERY_MS = 1_000;
/** For every SELECT's OPTION clause. */
export const QUERY_TIME_OPTION = `max_query_time=${ENGINE_QUERY_MS}`;

const CONNECTIONS = 16;
/**
 * Requests waiting for a connection, at most: past that the engine is overloaded and a search
 * fails at once (SearchUnavailable) instead of waiting behind hundreds of others.
 */
const QUEUE_LIMIT = 4 * CONNECTIONS;
const QUEUE_FULL = 'Queue limit reached.';

const state = globalSingleton('search-engine', () => ({
  pool: null as Pool | null,
  url: undefined as string | undefined,
  // As for Redis: a down engine is not waited on by every request, only tried every 2 s.
  breaker: new CircuitBreaker(),
}));

function pool(): Pool {
  const url = state.url ?? env().SEARCH_URL;
  if (!url) throw new SearchUnavailable('SEARCH_URL is not set');
  if (!state.pool) {
    const { hostname, port } = new URL(url);
    state.pool = createPool({
      host: hostname,
      port: Number(port),
      connectionLimit: CONNECTIONS,
      queueLimit: QUEUE_LIMIT,
      connectTimeout: 1_000,
      // Only our own statements are batched; every value in them is escaped by format().
      multipleStatements: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
    });
    // A connection the engine dropped is discarded by the pool; log it, never crash on it.
    state.pool.on('connection', (connection) => {
      connection.on('error', (error: unknown) =>
        logger().warn({ error }, 'search connection error'),
      );
    });
  }
  return state.pool;
}

/**
 * Runs SphinxQL (`?` placeholders filled and escaped by mysql2's format()); several statements
 * separated by `;` answer one row list each. Every failure is a SearchUnavailable.
 */
export async function searchSql(sql: string, values: SqlValue[] = []): Promise<SearchRow[][]> {
  if (!state.breaker.allow()) throw new SearchUnavailable('circuit open');
  try {
    const [rows] = await pool().query<SearchRow[] | SearchRow[][]>({
      sql: format(sql, values),
      timeout: QUERY_TIMEOUT_MS,
    });
    state.breaker.succeeded();
    const statements = sql.split(';').filter((part) => part.trim() !== '').length;
    return statements > 1 ? (rows as SearchRow[][]) : [rows as SearchRow[]];
  } catch (error) {
    if (error instanceof SearchUnavailable) throw error;
    // A full queue is our own overload, not the engine down: refuse this one, keep the circuit.
    if (error instanceof Error && error.message === QUEUE_FULL) throw new SearchUnavailable(error);
    // A statement the engine refused is our bug, not an outage: it must not open the circuit.
    if (isStatementError(error)) {
      state.breaker.succeeded();
      throw error;
    }
    state.breaker.failed();
    throw new SearchUnavailable(error);
  }
}

function isStatementError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'errno' in error && error.errno === 1064;
}

/**
 * Points this process at another engine (tests: a port nobody listens on), or back at SEARCH_URL
 * with `undefined`.
 */
export async function pointSearchEngineAt(url: string | undefined): Promise<void> {
  const previous = state.pool;
  state.pool = null;
  state.url = url;
  state.breaker = new CircuitBreaker();
  await previous?.end().catch(() => undefined);
}

/** Closes the pool (scripts that exit). */
export async function closeSearchEngine(): Promise<void> {
  await pointSearchEngineAt(state.url);
}
