import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { GET } from '@/app/media/[...path]/route';
import type { UploadedFile } from '@/lib/http/image-upload';
import { INLINE_IMAGES } from '@/lib/media/inline-image-names';
import { listMediaFolder } from '@/lib/media/media-store';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { ok } from '@/lib/validation/result';
import { addArticleImage } from './article-images';
import { getArticleView } from './cache';
import { removeCover, setCover } from './cover';
import { deleteArticle } from './delete-article';
import { ArticleModel } from './models';
import { createArticle, saveArticle } from './save-article';
import { scheduleArticle } from './schedule-article';

setUpTestStores();

const image = (width: number, height: number, background = '#336699') =>
  sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();

const serve = (url: string) => {
  const name = url.replace(/^\/media\//, '');
  return GET(new Request(`http://localhost${url}`), {
    params: Promise.resolve({ path: name.split('/') }),
  });
};

async function draftOf(author: Awaited<ReturnType<typeof makeUser>>, body = 'Words.') {
  const draft = await createArticle(author.viewer, { title: 'With pictures', body });
  if (!draft.ok) throw new Error(JSON.stringify(draft));
  return draft.value;
}

describe('images inside articles', () => {
  it('are re-encoded into WebP renditions of their own shape, served from GridFS', async () => {
    const ada = await makeUser('ada');
    const article = await draftOf(ada);
    const uploaded = await addArticleImage(ada.viewer, article.id, await image(3000, 1500));
    if (!uploaded.ok) throw new Error(JSON.stringify(uploaded));
    // Fitted into 1600 px, never cropped; the URL names the size.
    expect(uploaded.value).toMatchObject({ width: 1600, height: 800 });
    expect(uploaded.value.url).toMatch(
      new RegExp(`^/media/images/${article.id}/[a-f0-9]{20}-1600x800\\.webp$`),
    );
    const files = (await listMediaFolder(`images/${article.id}/`)).map((file) => file.filename);
    expect(files.map((name) => name.replace(/^.*-1600x800/, '')).sort()).toEqual([
      '-480w.webp',
      '-960w.webp',
      '.webp',
    ]);
    const served = await serve(uploaded.value.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 1600, 800]);
    const small = await serve(uploaded.value.url.replace('.webp', '-480w.webp'));
    const smallMeta = await sharp(Buffer.from(await small.arrayBuffer())).metadata();
    expect([smallMeta.width, smallMeta.height]).toEqual([480, 240]);
    // A small image is not enlarged and has no wider renditions.
    const tiny = await addArticleImage(ada.viewer, article.id, await image(200, 100, '#aa0000'));
    expect(tiny.ok && tiny.value).toMatchObject({ width: 200, height: 100 });
  });

  it('are taken only from the article’s author, before the upload is read', async () => {
    const [ada, eve] = await Promise.all([makeUser('ada'), makeUser('eve')]);
    const article = await draftOf(ada);
    let reads = 0;
    const upload: UploadedFile = async () => {
      reads += 1;
      return ok(await image(100, 100));
    };
    expect(await addArticleImage(eve.viewer, article.id, upload)).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    expect(await addArticleImage(eve.viewer, 'not-an-id', upload)).toMatchObject({
      code: 'not-found',
    });
    expect(reads).toBe(0);
    expect(await listMediaFolder(`images/${article.id}/`)).toEqual([]);
    expect((await addArticleImage(ada.viewer, article.id, upload)).ok).toBe(true);
    expect(reads).toBe(1);
  });

  it('must be real images by their content, within the size and pixel limits', async () => {
    const ada = await makeUser('ada');
    const article = await draftOf(ada);
    const refused = async (bytes: Buffer) => {
      const outcome = await addArticleImage(ada.viewer, article.id, bytes);
      expect(outcome).toMatchObject({ ok: false, code: 'invalid' });
      return outcome.ok ? '' : (outcome.fieldErrors?.image ?? '');
    };
    expect(await refused(Buffer.from('<?php echo "not an image"; ?>'))).toMatch(/not an image/);
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)"></svg>',
    );
    expect(await refused(svg)).toMatch(/JPEG, PNG, WebP, GIF or AVIF/);
    expect(await refused(Buffer.alloc(5 * 1024 * 1024 + 1, 1))).toMatch(/at most 5 MB/);
    // 50 million pixels, a few kilobytes: refused before it is decoded in full.
    expect(await refused(await image(10_000, 5_000))).toMatch(/./);
    expect(await listMediaFolder(`images/${article.id}/`)).toEqual([]);
  });

  it('are bounded per article; the same image again takes no more room', async () => {
    const ada = await makeUser('ada');
    const article = await draftOf(ada);
    for (let index = 0; index < INLINE_IMAGES.perArticle; index += 1) {
      const colour = `#${index.toString(16).padStart(2, '0')}8040`;
      expect((await addArticleImage(ada.viewer, article.id, await image(16, 16, colour))).ok).toBe(
        true,
      );
    }
    expect(await addArticleImage(ada.viewer, article.id, await image(16, 16, '#ffffff'))).toEqual({
      ok: false,
      code: 'invalid',
      fieldErrors: { image: `An article can hold at most ${INLINE_IMAGES.perArticle} images.` },
    });
    expect((await addArticleImage(ada.viewer, article.id, await image(16, 16, '#008040'))).ok).toBe(
      true,
    );
  });

  it('are rendered with srcset, width, height and lazy loading; publishing needs their alt text', async () => {
    const ada = await makeUser('ada');
    const article = await draftOf(ada);
    const first = await addArticleImage(ada.viewer, article.id, await image(1200, 600));
    const second = await addArticleImage(ada.viewer, article.id, await image(400, 300, '#00aa00'));
    if (!first.ok || !second.ok) throw new Error('no images');
    const body = `Intro.\n\n![A harbour at dawn](${first.value.url})\n\n![](${second.value.url})`;
    const refused = await saveArticle(
      ada.viewer,
      article.id,
      { body, baseVersion: article.version },
      'publish',
    );
    expect(refused).toMatchObject({
      ok: false,
      fieldErrors: { body: expect.stringMatching(/^Image 2 has no alt text/) },
    });
    expect((await ArticleModel.findById(article.id).lean())?.status).toBe('draft');

    const fixed = body.replace('![]', '![A green square]');
    const published = await saveArticle(ada.viewer, article.id, { body: fixed }, 'publish');
    expect(published.ok).toBe(true);
    const html = (await getArticleView(article.id))?.html ?? '';
    const base = first.value.url.replace(/\.webp$/, '');
    expect(html).toContain(
      `<img src="${base}-960w.webp" srcset="${base}-480w.webp 480w, ${base}-960w.webp 960w, ${base}.webp 1200w" sizes="(min-width: 800px) 720px, 100vw" width="1200" height="600" alt="A harbour at dawn" loading="lazy" decoding="async">`,
    );
    expect(html).toContain('width="400" height="300" alt="A green square"');
    // Nor can a schedule publish one later without it.
    const later = await draftOf(ada, `![](${second.value.url})`);
    expect(
      await scheduleArticle(ada.viewer, later.id, {
        publishAt: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    ).toMatchObject({ ok: false, fieldErrors: { body: expect.stringMatching(/^Image 1 has/) } });
    // An edit of the published article cannot take the alt text away again.
    expect(await saveArticle(ada.viewer, article.id, { body }, 'save')).toMatchObject({
      ok: false,
      fieldErrors: { body: expect.stringMatching(/^Image 2 has no alt text/) },
    });
  });

  it('go with their article when it is deleted', async () => {
    const ada = await makeUser('ada');
    const article = await draftOf(ada);
    expect((await addArticleImage(ada.viewer, article.id, await image(600, 400))).ok).toBe(true);
    expect((await listMediaFolder(`images/${article.id}/`)).length).toBe(2);
    expect((await deleteArticle(ada.viewer, article.id)).ok).toBe(true);
    expect(await listMediaFolder(`images/${article.id}/`)).toEqual([]);
  });
});

describe('the cover', () => {
  it('changes without changing the version, so the editor’s next publish is no conflict', async () => {
    const [ada, eve] = await Promise.all([makeUser('ada'), makeUser('eve')]);
    const article = await draftOf(ada);
    const covered = await setCover(ada.viewer, article.id, await image(800, 400));
    expect(covered.ok).toBe(true);
    const stored = await ArticleModel.findById(article.id).lean();
    expect(stored?.version).toBe(article.version);
    const published = await saveArticle(
      ada.viewer,
      article.id,
      { title: 'With pictures', baseVersion: article.version },
      'publish',
    );
    expect(published.ok && published.value.cover).toEqual(covered.ok && covered.value.cover);
    expect((await getArticleView(article.id))?.cover).toEqual(covered.ok && covered.value.cover);

    // "Remove cover": only the author, and the published view follows at once.
    expect(await removeCover(eve.viewer, article.id)).toMatchObject({ code: 'not-found' });
    expect((await removeCover(ada.viewer, article.id)).ok).toBe(true);
    expect((await ArticleModel.findById(article.id).lean())?.cover).toBeNull();
    expect((await getArticleView(article.id))?.cover).toBeNull();
    expect(await listMediaFolder(`covers/${article.id}/`)).toEqual([]);
  });
});
