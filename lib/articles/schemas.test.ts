import { describe, expect, it } from 'vitest';
import { articleDraftSchema, normaliseTag, TAG_MAX } from './schemas';

/** Issue 24.7: a tag is never shortened silently; one too long is refused by name. */
describe('tags', () => {
  it('normalising a long tag keeps all of it', () => {
    const long = 'A Tag Much Longer Than Thirty Characters In All';
    expect(normaliseTag(long)).toBe('a-tag-much-longer-than-thirty-characters-in-all');
  });

  it('a tag over the limit is refused with the limit and the tag', () => {
    const long = 'a-tag-much-longer-than-thirty-characters';
    const parsed = articleDraftSchema.safeParse({ tags: `design, ${long}` });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toEqual([
      expect.objectContaining({
        path: ['tags'],
        message: `Tags can be at most ${TAG_MAX} characters: ${long}`,
      }),
    ]);
  });

  it('in a list too', () => {
    const long = 'x'.repeat(TAG_MAX + 1);
    const parsed = articleDraftSchema.safeParse({ tags: ['design', long] });
    expect(parsed.error?.issues[0]?.message).toBe(
      `Tags can be at most ${TAG_MAX} characters: ${long}`,
    );
  });

  it('a tag of exactly the limit is kept whole', () => {
    const exact = 'y'.repeat(TAG_MAX);
    expect(articleDraftSchema.parse({ tags: `${exact}, design` }).tags).toEqual([exact, 'design']);
  });
});
