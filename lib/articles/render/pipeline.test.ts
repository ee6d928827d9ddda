import { describe, expect, it } from 'vitest';
import { MARKDOWN_LIMITS } from './limits';
import { renderWithinLimits } from './pipeline';

describe('the Markdown pipeline (as a render worker runs it)', () => {
  it('refuses a tree with too many elements before turning it into HTML', () => {
    const outcome = renderWithinLimits('`a` '.repeat(MARKDOWN_LIMITS.maxNodes / 2 + 10));
    expect(outcome).toEqual({ ok: false, reason: 'too-many-nodes' });
  });

  it('refuses a tree nested too deeply by emphasis, which the nesting pre-scan does not see', () => {
    const depth = MARKDOWN_LIMITS.maxTreeDepth + 20;
    const outcome = renderWithinLimits(`${'*'.repeat(depth * 2)}a${'*'.repeat(depth * 2)}`);
    expect(outcome).toEqual({ ok: false, reason: 'unrenderable' });
  });

  it('renders a long ordinary article', () => {
    const paragraph =
      'Lorem ipsum dolor sit amet, *consectetur* adipiscing elit, sed do [eiusmod](https://example.com) tempor.\n\n';
    const outcome = renderWithinLimits(paragraph.repeat(800));
    expect(outcome.ok).toBe(true);
  });
});
