import mongoose, { type mongo, type Mongoose } from 'mongoose';
import { env } from '@/lib/config/env';
import { recordMongoCommand, recordMongoCommandStarted } from '@/lib/observability/request-metrics';
import { currentRequestContext, type RequestContext } from '@/lib/request/context';
import { globalSingleton } from '@/lib/util/global-singleton';

interface ConnectionState {
  connecting: Promise<Mongoose> | undefined;
  monitored: boolean;
}

const state = globalSingleton<ConnectionState>('mongo', () => ({
  connecting: undefined,
  monitored: false,
}));

// Portable subset only (see docs/architecture.md): no transactions, $lookup, $text, change streams.
mongoose.set('strictQuery', true);

/**
 * Connects mongoose once per process and reuses the connection across requests, bundles and hot
 * reloads. Every command the driver sends is counted against the current request.
 */
export function connectDb(): Promise<Mongoose> {
  if (state.connecting) return state.connecting;
  const { MONGODB_URI, MONGODB_POOL_SIZE, NODE_ENV, instanceName } = env();
  state.connecting = mongoose
    .connect(MONGODB_URI, {
      appName: `inkwell-${instanceName}`,
      maxPoolSize: MONGODB_POOL_SIZE,
      // Fail fast when the database is away: pages answer 503 instead of hanging.
      serverSelectionTimeoutMS: 2_500,
      socketTimeoutMS: 20_000,
      monitorCommands: true,
      // Production instances build no index on start: `npm run migrate` does, once per deploy
      // (docs/deploy.md, "Migrations"). Development keeps mongoose's automatic builds.
      autoIndex: NODE_ENV !== 'production',
    })
    .then((connected) => {
      watchCommands(connected);
      return connected;
    })
    .catch((error: unknown) => {
      // A later call tries again instead of caching the failure.
      state.connecting = undefined;
      throw error;
    });
  return state.connecting;
}

function watchCommands(connected: Mongoose): void {
  if (state.monitored) return;
  state.monitored = true;
  const client = connected.connection.getClient();
  // The driver may finish a command in another async context: remember whose command it was.
  const pending = new Map<number, RequestContext | undefined>();
  client.on('commandStarted', (event: mongo.CommandStartedEvent) => {
    pending.set(event.requestId, currentRequestContext());
    recordMongoCommandStarted();
  });
  const finish = (event: mongo.CommandSucceededEvent | mongo.CommandFailedEvent) => {
    const context = pending.get(event.requestId);
    pending.delete(event.requestId);
    recordMongoCommand(event.duration, context);
  };
  client.on('commandSucceeded', finish);
  client.on('commandFailed', finish);
}

/**
 * Creates every registered model's indexes (unique keys are part of our data rules). Run by
 * `npm run migrate` (scripts/migrate.ts, which registers every model) and by test setups.
 */
export async function ensureIndexes(): Promise<void> {
  const connected = await connectDb();
  await Promise.all(connected.modelNames().map((name) => connected.model(name).createIndexes()));
}

export interface DatabaseStatus {
  ok: boolean;
  engine?: 'FerretDB' | 'MongoDB';
  version?: string;
  latencyMs?: number;
  error?: string;
}

/** Pings the database and names the engine behind it (FerretDB reports its own version). */
export async function databaseStatus(): Promise<DatabaseStatus> {
  const started = performance.now();
  try {
    const connected = await connectDb();
    const db = connected.connection.db;
    if (!db) throw new Error('not connected');
    const info = (await db.admin().command({ buildInfo: 1 })) as {
      version?: string;
      ferretdbVersion?: string;
      ferretdb?: { version?: string };
    };
    const ferretVersion = info.ferretdbVersion ?? info.ferretdb?.version;
    return {
      ok: true,
      engine: ferretVersion ? 'FerretDB' : 'MongoDB',
      version: ferretVersion ?? info.version,
      latencyMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

const availability = globalSingleton('mongoAvailability', () => ({ up: true, watching: false }));

/** Whether the last ping reached the database (updated every second by `watchDatabase`). */
export function databaseUp(): boolean {
  return availability.up;
}

/**
 * Pings the database every second, so the server can answer 503 (not 500) while it is away and
 * notice at once when it is back. Per instance: it describes a dependency, not user data.
 */
export function watchDatabase(intervalMs = 1_000): void {
  if (availability.watching) return;
  availability.watching = true;
  const timer = setInterval(async () => {
    try {
      const db = (await connectDb()).connection.db;
      if (!db) throw new Error('not connected');
      await Promise.race([
        db.admin().ping(),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('ping timed out')), intervalMs).unref(),
        ),
      ]);
      availability.up = true;
    } catch {
      availability.up = false;
    }
  }, intervalMs);
  timer.unref();
}

export async function disconnectDb(): Promise<void> {
  const connecting = state.connecting;
  state.connecting = undefined;
  state.monitored = false;
  if (connecting) await (await connecting).disconnect();
}
