import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { connectDb, disconnectDb } from '@/lib/db/connection';
import { deleteTestRedisKeys } from '@/lib/testing/stores';
import { migrate } from './migrate';

const ROOT = path.resolve(__dirname, '..');

afterAll(async () => {
  await mongoose.connection.db?.dropDatabase();
  await deleteTestRedisKeys();
  await disconnectDb();
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('npm run migrate', () => {
  it('registers every model the app defines', () => {
    const script = readFileSync(path.join(ROOT, 'scripts', 'migrate.ts'), 'utf8');
    const defining = sourceFiles(path.join(ROOT, 'lib')).filter((file) =>
      /mongoose\.model<\w+>\(/.test(readFileSync(file, 'utf8')),
    );
    expect(defining.length).toBeGreaterThan(0);
    for (const file of defining) {
      const modulePath = path.relative(ROOT, file).replace(/\.ts$/, '');
      expect(script, `${modulePath} is not imported by scripts/migrate.ts`).toContain(
        `import '../${modulePath}';`,
      );
    }
  });

  it('creates every index of every model (unique ones included), and again without harm', async () => {
    // Start from a database with no index at all (whatever mongoose built by itself, outside
    // production, is dropped with it): every index below is the migration's.
    const connected = await connectDb();
    await Promise.all(connected.modelNames().map((name) => connected.model(name).init()));
    await connected.connection.db?.dropDatabase();
    const models = await migrate();
    expect(models.length).toBeGreaterThanOrEqual(6);
    expect(await migrate()).toEqual(models);
    let unique = 0;
    for (const name of models) {
      const model = mongoose.model(name);
      const existing = await model.collection.indexes();
      const keyOf = (key: Record<string, unknown>) => JSON.stringify(key);
      for (const [key, options] of model.schema.indexes()) {
        const found = existing.find((index) => keyOf(index.key) === keyOf(key));
        expect(found, `${name} index ${keyOf(key)}`).toBeDefined();
        if (options.unique) {
          unique += 1;
          expect(found?.unique, `${name} index ${keyOf(key)} unique`).toBe(true);
        }
      }
    }
    expect(unique).toBeGreaterThan(0);
    const chunks = await mongoose.connection.db?.collection('media.chunks').indexes();
    expect(chunks?.some((index) => index.unique && 'files_id' in index.key)).toBe(true);
  });
});
