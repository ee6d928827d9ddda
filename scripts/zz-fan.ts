import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFerretDb } from './lib/ferretdb';
import { startAppServer } from './lib/app-server';
import { freePort } from './lib/processes';
async function main() {
  const ferret = await startFerretDb({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'zz-fan-')) });
  const env = {
    MONGODB_URI: ferret.uri('inkwell_zz'),
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: `zzf${Date.now()}:`,
    AUTH_SECRET: 'x'.repeat(40),
    LOG_LEVEL: 'info',
    TRUST_PROXY: '1',
  };
  Object.assign(process.env, env);
  const { seedBench } = await import('./bench/seed');
  const seeded = await seedBench({
    users: 5001,
    friendsPerUser: 100,
    starFriends: 5000,
    articles: 20000,
  });
  const { friendsCache } = await import('../lib/friends/cache');
  await friendsCache.prime(seeded.star.id, seeded.star.friendIds);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const app = await startAppServer({
    port,
    instanceName: 'zz',
    env: { ...env, APP_URL: base },
    quiet: false,
  });
  const s = await fetch(`${base}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ identifier: seeded.star.username, password: 'quill-and-parchment-42' }),
  });
  const cookie = (
    s.headers.getSetCookie().find((c) => c.startsWith('inkwell.session=')) ?? ''
  ).split(';')[0] as string;
  const post = async (p: string, body: unknown) => {
    const t = performance.now();
    const r = await fetch(`${base}${p}`, {
      method: 'POST',
      headers: { cookie, origin: base, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const j = await r.json();
    console.log(
      'POST',
      p,
      r.status,
      (performance.now() - t).toFixed(0),
      'ms',
      r.headers.get('server-timing'),
    );
    return j as { id: string };
  };
  for (const round of [1, 2]) {
    const draft = await post('/api/articles', { title: `Fan ${round} ${Date.now()}`, body: 'x' });
    console.log('PUBLISH-START', Date.now());
    await post(`/api/articles/${draft.id}/publish`, {});
    await new Promise((r) => setTimeout(r, 4000));
  }
  await app.stop();
  await ferret.stop();
  process.exit(0);
}
main();
