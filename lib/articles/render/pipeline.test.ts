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

  it('makes excerpts of plain prose: blocks apart, list items apart, no Markdown syntax', () => {
    const outcome = renderWithinLimits(
      '## Getting started\n\nRun `npm test` and **read** [the guide](https://example.com).\n\n' +
        '- first item\n- second item\n  - nested item\n\n1. one\n2. two\n\n' +
        '> quoted\n\n```js\nconst hidden = 1;\n```\n\n| a | b |\n| - | - |\n| c | d |\n\nThe end.',
    );
    expect(outcome.ok && outcome.value.excerpt).toBe(
      'Getting started Run npm test and read the guide. first item second item nested item one two quoted The end.',
    );
  });
});
