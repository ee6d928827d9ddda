import { describe, expect, it } from 'vitest';
import { DIFF_MAX_CHARS, diffTexts, type DiffPart } from './text-diff';

const side = (parts: DiffPart[], kind: 'removed' | 'added') =>
  parts
    .filter((part) => part.kind === 'same' || part.kind === kind)
    .map((part) => part.text)
    .join('');

describe('diffTexts', () => {
  it('shows a one-word edit as that word, and gives both texts back', () => {
    const before = 'The tide came in.\nGulls over the harbour.\nNight fell.\n';
    const after = 'The tide came in.\nGulls over the bay.\nNight fell.\n';
    const { parts, truncated } = diffTexts(before, after);
    expect(truncated).toBe(false);
    expect(parts).toEqual([
      { kind: 'same', text: 'The tide came in.\nGulls over the ' },
      { kind: 'removed', text: 'harbour.' },
      { kind: 'added', text: 'bay.' },
      { kind: 'same', text: '\nNight fell.\n' },
    ]);
  });

  it('finds added and removed lines among unchanged ones', () => {
    const before = 'a\nb\nc\nd\ne\n';
    const after = 'a\nc\nd\nX\ne\nf\n';
    const { parts } = diffTexts(before, after);
    expect(side(parts, 'removed')).toBe(before);
    expect(side(parts, 'added')).toBe(after);
    expect(parts.filter((part) => part.kind === 'removed').map((part) => part.text)).toEqual([
      'b\n',
    ]);
    expect(parts.filter((part) => part.kind !== 'same').length).toBeLessThanOrEqual(3);
  });

  it('handles empty texts and identical ones', () => {
    expect(diffTexts('', 'new').parts).toEqual([{ kind: 'added', text: 'new' }]);
    expect(diffTexts('old', '').parts).toEqual([{ kind: 'removed', text: 'old' }]);
    expect(diffTexts('same\n', 'same\n').parts).toEqual([{ kind: 'same', text: 'same\n' }]);
  });

  it('stays bounded on a complete rewrite of a long text, and on texts beyond the limit', () => {
    const before = Array.from({ length: 3_000 }, (_, i) => `line ${i} of the old`).join('\n');
    const after = Array.from({ length: 3_000 }, (_, i) => `row ${i} in the new`).join('\n');
    const started = performance.now();
    const { parts } = diffTexts(before, after);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(side(parts, 'removed')).toBe(before);
    expect(side(parts, 'added')).toBe(after);
    const huge = diffTexts('x'.repeat(DIFF_MAX_CHARS + 10), 'y');
    expect(huge.truncated).toBe(true);
    expect(side(huge.parts, 'removed')).toHaveLength(DIFF_MAX_CHARS);
  });
});
