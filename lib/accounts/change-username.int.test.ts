import { describe, expect, it } from 'vitest';
import { readStamps, tagOf } from '@/lib/cache/change-clock';
import { holdsCachedObject } from '@/lib/cache/cache-aside';
import { createArticle, saveArticle } from '@/lib/articles/save-article';
import { getArticlePage } from '@/lib/articles/get-article-page';
import { processTotals } from '@/lib/observability/request-metrics';
import { RATE_LIMITS } from '@/lib/rate-limit/rate-limit';
import { cacheRedis } from '@/lib/redis';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { localExecutor } from '@/jobs/runtime';
import { getRenamedUser, getUserById, getUserByUsername, userKeys } from '@/lib/users/cache';
import { UsernameHoldModel } from '@/lib/users/username-hold-model';
import { USERNAME_HELD } from '@/lib/users/username-holds';
import { changeUsername } from './change-username';
import { createAccount } from './create-account';

setUpTestStores();

type Person = Awaited<ReturnType<typeof makeUser>>;

/** The viewer as the app sees them after a change (the cached user is dropped on change). */
async function fresh(person: Person): Promise<Person> {
  const user = await getUserById(person.id);
  if (!user) throw new Error('user gone');
  return { ...person, ...user, viewer: { ...person.viewer, user } };
}

async function rename(person: Person, username: string) {
  return changeUsername((await fresh(person)).viewer, { username });
}

function uniqueName(prefix: string) {
  return `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
}

describe('changing a username', () => {
  it('moves the profile and articles, redirects the old name, and stamps every cached page built from it', async () => {
    const ada = await makeUser('ada');
    const draft = await createArticle(ada.viewer, { title: 'Hello there', body: 'Words.' });
    if (!draft.ok) throw new Error(JSON.stringify(draft));
    const published = await saveArticle(ada.viewer, draft.value.id, {}, 'publish');
    if (!published.ok) throw new Error(JSON.stringify(published));
    await localExecutor().idle();
    const oldKey = ada.usernameKey;
    // Warm the caches the pages read, as a visit before the rename would.
    expect((await getUserByUsername(oldKey))?.id).toBe(ada.id);
    const newName = uniqueName('Ada');
    expect(await getUserByUsername(newName)).toBeNull(); // now cached as missing
    const before = Date.now();

    const renamed = await rename(ada, newName);
    expect(renamed).toEqual({
      ok: true,
      value: { username: newName, path: `/u/${newName.toLowerCase()}` },
    });

    // Cached objects follow: the new name resolves (its cached "missing" was dropped), the old
    // one does not, and the old name leads to the person.
    expect((await getUserByUsername(newName.toLowerCase()))?.username).toBe(newName);
    expect(await getUserByUsername(oldKey)).toBeNull();
    expect((await getRenamedUser(oldKey))?.id).toBe(ada.id);
    expect((await getUserById(ada.id))?.usernameKey).toBe(newName.toLowerCase());
    // Every page that read the user or either name is stamped changed (the page cache renders
    // it again): profile, articles, streams and the home page all depend on `user:<id>`.
    const stamps = await readStamps(
      [
        userKeys.byId(ada.id),
        userKeys.idByUsername(oldKey),
        userKeys.idByUsername(newName.toLowerCase()),
        userKeys.renamedFrom(oldKey),
      ].map(tagOf),
    );
    for (const stamp of stamps) expect(stamp).toBeGreaterThanOrEqual(before);

    // The old article address answers with the new one.
    expect(await getArticlePage(oldKey, published.value.slug, null)).toEqual({
      kind: 'redirect',
      location: `/u/${newName.toLowerCase()}/${published.value.slug}`,
    });
    expect((await getArticlePage(newName.toLowerCase(), published.value.slug, null)).kind).toBe(
      'article',
    );
  });

  it('keeps the redirect lookup in Redis: a warm old link sends no MongoDB command', async () => {
    const bob = await makeUser('bob');
    const oldKey = bob.usernameKey;
    const renamed = await rename(bob, uniqueName('bobby'));
    expect(renamed.ok).toBe(true);
    // Cold: each lookup reads MongoDB once and is cached (a miss is remembered too).
    expect(await getUserByUsername(oldKey)).toBeNull();
    await getRenamedUser(oldKey);
    expect(
      holdsCachedObject(await cacheRedis().one(cacheRedis().cmd.get(userKeys.renamedFrom(oldKey)))),
    ).toBe(true);
    const commandsBefore = processTotals().mongo.commands;
    expect((await getUserByUsername(oldKey)) ?? (await getRenamedUser(oldKey))).toMatchObject({
      id: bob.id,
    });
    expect(processTotals().mongo.commands).toBe(commandsBefore);
  });

  it('holds the old name from everyone else for 30 days, and lets its owner take it back', async () => {
    const cat = await makeUser('cat');
    const oldName = cat.username;
    expect((await rename(cat, uniqueName('cathy'))).ok).toBe(true);

    const hold = await UsernameHoldModel.findById(cat.usernameKey).lean();
    const days = (hold!.heldUntil.getTime() - hold!.createdAt.getTime()) / 86_400_000;
    expect(days).toBe(30);

    // A new account and another person's rename are both refused, with the reason.
    const signUp = await createAccount({
      email: `${uniqueName('x')}@example.com`,
      username: oldName,
      password: 'ink-and-quill-2026',
    });
    expect(signUp).toMatchObject({ ok: false, fieldErrors: { username: USERNAME_HELD } });
    const dan = await makeUser('dan');
    expect(await rename(dan, oldName)).toMatchObject({
      ok: false,
      fieldErrors: { username: USERNAME_HELD },
    });

    // The owner takes it back: the redirect of that name ends, the name in between is held.
    const between = (await fresh(cat)).usernameKey;
    expect(await rename(cat, oldName)).toMatchObject({ ok: true });
    expect((await getUserByUsername(oldName))?.id).toBe(cat.id);
    expect(await getRenamedUser(oldName)).toBeNull();
    expect(await UsernameHoldModel.findById(oldName.toLowerCase()).lean()).toBeNull();
    expect((await getRenamedUser(between))?.id).toBe(cat.id);

    // After the hold ends, someone else may take the name (and its old redirect ends).
    await UsernameHoldModel.updateOne({ _id: between }, { heldUntil: new Date(Date.now() - 1) });
    expect((await rename(dan, between)).ok).toBe(true);
    expect((await getUserByUsername(between))?.id).toBe(dan.id);
    expect(await getRenamedUser(between)).toBeNull();
  });

  it('refuses a taken name, the same name, and renames past the limit', async () => {
    const eve = await makeUser('eve');
    const fay = await makeUser('fay');
    expect(await rename(eve, fay.username)).toMatchObject({
      ok: false,
      code: 'conflict',
      fieldErrors: { username: 'This username is taken. Choose another.' },
    });
    expect(await rename(eve, eve.username)).toMatchObject({
      ok: false,
      fieldErrors: { username: 'This is already your username.' },
    });
    expect(await rename(eve, 'settings')).toMatchObject({ ok: false, code: 'invalid' });
    // The refused attempt on a taken name counted too: names cannot be probed without limit.
    for (let index = 1; index < RATE_LIMITS.usernameChangesPerAccount.limit; index += 1) {
      expect((await rename(eve, uniqueName('eve'))).ok).toBe(true);
    }
    expect(await rename(eve, uniqueName('eve'))).toMatchObject({
      ok: false,
      code: 'rate-limited',
    });
  });
});
