import { describe, expect, it } from 'vitest';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { previewArticle } from './preview-article';

setUpTestStores();

// Passes the linear pre-scan, then needs the worker's whole time budget.
const SLOW_BODY = `${'['.repeat(32_000)}a${']'.repeat(32_000)}`;

describe('previews share the render workers fairly', () => {
  it('one person’s previews render one at a time, a few in line; others are not held up', async () => {
    const [hog, writer] = [await makeUser('hog'), await makeUser('writer')];
    const hostile = Array.from({ length: 5 }, () =>
      previewArticle(hog.viewer, { body: SLOW_BODY }),
    );
    // Meanwhile someone else's ordinary preview renders.
    const ordinary = await previewArticle(writer.viewer, { body: 'Some *ordinary* words.' });
    expect(ordinary).toMatchObject({ ok: true });
    const answers = await Promise.all(hostile);
    const turnedAway = answers.filter((answer) => !answer.ok && answer.code === 'rate-limited');
    expect(turnedAway).toHaveLength(2);
    for (const answer of answers.filter((candidate) => !turnedAway.includes(candidate)))
      expect(answer).toMatchObject({ ok: false, code: 'invalid' });
  }, 60_000);
});
