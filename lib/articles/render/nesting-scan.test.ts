import { describe, expect, it } from 'vitest';
import { MARKDOWN_LIMITS } from './limits';
import { measureNesting } from './nesting-scan';

const LIMIT = MARKDOWN_LIMITS.maxNesting;

/** A list nested `depth` levels deep, one item per line, indented as people write it. */
function indentedList(depth: number, marker = '-'): string {
  const lines: string[] = [];
  let indent = '';
  for (let level = 0; level < depth; level += 1) {
    lines.push(`${indent}${marker} level ${level + 1}`);
    indent += ' '.repeat(marker.length + 1);
  }
  return lines.join('\n');
}

describe('the nesting pre-scan', () => {
  it('measures lists and quotes opened on one line', () => {
    expect(measureNesting('x')).toBe(0);
    expect(measureNesting('- x')).toBe(1);
    expect(measureNesting('- - - x')).toBe(3);
    expect(measureNesting('> > > x')).toBe(3);
    expect(measureNesting('>>>> x')).toBe(4);
    expect(measureNesting('1. 2) - * + x')).toBe(5);
    expect(measureNesting('> - > 1. x')).toBe(4);
  });

  it('measures lists nested by indentation, and quotes continued on later lines', () => {
    expect(measureNesting(indentedList(5))).toBe(5);
    expect(measureNesting(indentedList(6, '1.'))).toBe(6);
    expect(measureNesting('> a\n> > b\n> > > c\n> d')).toBe(3);
    expect(measureNesting('- a\n\n  - b\n\n    - c')).toBe(3);
    // A lazy continuation line keeps the items open, so the next line still nests inside them.
    expect(measureNesting('- a\nlazy\n  - b\nlazy\n    - c')).toBe(3);
    expect(measureNesting('- a\n- b\n- c')).toBe(1);
  });

  it('refuses the 20,000-level list and quote in well under a millisecond per kilobyte', () => {
    const list = `${'- '.repeat(20_000)}x`;
    const quote = `${'> '.repeat(20_000)}x`;
    const started = performance.now();
    expect(measureNesting(list)).toBeGreaterThan(LIMIT);
    expect(measureNesting(quote)).toBeGreaterThan(LIMIT);
    expect(measureNesting(`${'>'.repeat(40_000)}x`)).toBeGreaterThan(LIMIT);
    expect(measureNesting(indentedList(200))).toBeGreaterThan(LIMIT);
    expect(measureNesting(`${'- > '.repeat(10_000)}x`)).toBeGreaterThan(LIMIT);
    // Generous: the scan is linear and stops at the limit; rendering took minutes.
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('does not count what only looks nested: code blocks, thematic breaks, text', () => {
    const deep = `${'- '.repeat(100)}x`;
    const quotes = `${'> '.repeat(100)}x`;
    expect(measureNesting(`    ${deep}\n    ${quotes}`)).toBe(0);
    expect(measureNesting(`Some text\n\n    ${deep}`)).toBe(0);
    expect(measureNesting(`\`\`\`\n${deep}\n${quotes}\n\`\`\`\nafter`)).toBe(0);
    expect(measureNesting(`~~~~ md\n${deep}\n~~~\n${quotes}\n~~~~`)).toBe(0);
    expect(measureNesting(`- item\n\n  \`\`\`\n  ${deep}\n  \`\`\``)).toBe(1);
    expect(measureNesting(`- item\n\n      ${deep}`)).toBe(1);
    expect(measureNesting('- - -\n* * *\n_ _ _')).toBe(0);
    expect(measureNesting(`a - b - c ${'> '.repeat(100)}`)).toBe(0);
    expect(measureNesting(`2024-01-01 ${'-'.repeat(100)}`)).toBe(0);
    expect(measureNesting('-x\n>\n1.x')).toBe(1);
  });

  it('passes ordinary articles', () => {
    const article = [
      '# Title',
      '',
      'Some *emphasis*, a [link](https://example.com) and `code`.',
      '',
      '> A quote',
      '> > with a reply',
      '',
      indentedList(8),
      '',
      '1. one',
      '2. two',
      '   - nested',
      '     > quoted',
      '',
      '```ts',
      'const x = [[[[1]]]];',
      '```',
      '',
      '| a | b |',
      '| - | - |',
      '| 1 | 2 |',
    ].join('\n');
    expect(measureNesting(article)).toBeLessThanOrEqual(LIMIT);
    expect(measureNesting(indentedList(LIMIT))).toBe(LIMIT);
  });

  it('treats tabs as indentation', () => {
    expect(measureNesting('- a\n\t- b\n\t\t- c')).toBe(3);
    expect(measureNesting(`\t${'- '.repeat(100)}x`)).toBe(0);
  });
});
