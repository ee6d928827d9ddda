import { describe, expect, it } from 'vitest';
import { plainText, replaceStatement } from './documents';
import { keyList, MATCH_END, MATCH_START, queryWords, searchKey } from './keys';
import { searchQuerySchema } from './schemas';
import { prefixQuery } from './search';
import { splitSnippet } from './snippet';

describe('search documents and queries', () => {
  it('turns what people type into words only: the engine query syntax never gets through', () => {
    expect(queryWords('Ada "Love-lace" @title | -x* (y) \\')).toEqual([
      'ada',
      'love',
      'lace',
      'title',
      'x',
      'y',
    ]);
    expect(queryWords('Ünïcode Wörter 123')).toEqual(['ünïcode', 'wörter', '123']);
    expect(queryWords('a '.repeat(30))).toHaveLength(10);
  });

  it('asks for prefixes of two characters or more, three at most', () => {
    expect(prefixQuery(['a', 'lo', 'b', 'cde', 'fgh', 'ijk'])).toBe('lo* cde* fgh*');
    expect(prefixQuery(['a', 'b'])).toBeNull();
    expect(prefixQuery(['é', 'ü'])).toBeNull();
    expect(prefixQuery([])).toBeNull();
  });

  it('takes only days that exist as date filters', () => {
    const parse = (from: string) => searchQuerySchema.safeParse({ from });
    expect(parse('2024-02-29')).toMatchObject({ success: true, data: { from: '2024-02-29' } });
    expect(parse('')).toMatchObject({ success: true, data: { from: undefined } });
    for (const impossible of [
      '2026-13-45',
      '2026-02-30',
      '2025-02-29',
      '2026-00-10',
      '0000-00-00',
    ]) {
      const result = parse(impossible);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(
        'There is no such day; use one like 2026-01-31.',
      );
    }
    expect(parse('31.01.2026').error?.issues[0]?.message).toBe('Use a date like 2026-01-31.');
  });

  it('keys are stable 63-bit integers, and only integers reach an IN() list', () => {
    const key = searchKey('6b111d29b9f0769dad6ed6bb');
    expect(key).toBe(searchKey('6b111d29b9f0769dad6ed6bb'));
    expect(BigInt(key) > 0n && BigInt(key) < 2n ** 63n).toBe(true);
    expect(keyList(['1', '2; DROP', '3'])).toBe('1,3');
    expect(keyList([])).toBe('0');
  });

  it('indexes what a reader reads of Markdown, without our markers', () => {
    expect(plainText(`# Title\n\nSome **bold** [link](https://x.example) ${MATCH_START}`)).toBe(
      'Title Some bold link',
    );
  });

  it('indexes only what the page shows: no raw HTML, comments or images the page removes', () => {
    const own = '/media/images/6b111d29b9f0769dad6ed6bb/0123456789abcdef0123-800x600.webp';
    const body = [
      'Visible <!-- private note --> words <span>inline</span>',
      '',
      '<div>hidden block</div>',
      '',
      `![kept alt](${own}) ![gone alt](https://elsewhere.example/x.png) ![ref alt][ref]`,
      '',
      '| a | b |\n| - | - |\n| cell | ~~struck~~ |',
      '',
      '[ref]: https://elsewhere.example/y.png',
    ].join('\n');
    const text = plainText(body);
    expect(text).toBe('Visible words inline kept alt a b cell struck');
    expect(text).not.toMatch(/private|hidden|gone|ref alt|span|div/);
  });

  it('escapes every text value and inlines only integer keys', () => {
    const statement = replaceStatement('tags', [
      { id: '12', tag: "it's", tag_name: "it's", article_count: 2 },
    ]);
    expect(statement?.sql).toBe(
      'REPLACE INTO tags (id,tag,tag_name,article_count) VALUES (12,?,?,?)',
    );
    expect(statement?.values).toEqual(["it's", "it's", 2]);
    expect(() => replaceStatement('tags', [{ id: '1 OR 1', tag: 'x' }])).toThrow();
  });

  it('splits a snippet at the markers into text and matches (rendered as text, never HTML)', () => {
    expect(splitSnippet(`a <b>${MATCH_START}word${MATCH_END} c`)).toEqual([
      { text: 'a <b>', match: false },
      { text: 'word', match: true },
      { text: ' c', match: false },
    ]);
  });
});
