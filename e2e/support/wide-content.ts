/**
 * Content that is wider than a phone unless every page contains it: a long unbroken address, a
 * long code line, a long inline code token and a wide table (GFM). The page checks publish an
 * article with it, so each page showing an article, an excerpt or a diff is checked with it.
 */
const LONG_URL = `https://example.com/${'a-very-long-path-segment-'.repeat(6)}end?query=${'x'.repeat(60)}`;
const LONG_TOKEN = `inline_${'identifier_'.repeat(10)}end`;
const CODE_LINE = `const line = "${'a long line of code that never wraps '.repeat(6)}";`;
const TABLE = [
  `| ${['Column one', 'Column two', 'Column three', 'Column four', 'Column five'].join(' | ')} |`,
  `|${' --- |'.repeat(5)}`,
  `| ${Array.from({ length: 5 }, (_, i) => `cell-${i}-with-wide-content-inside`).join(' | ')} |`,
].join('\n');

export const WIDE_TITLE =
  'A page to look at: supercalifragilisticexpialidocious-antidisestablishment';

export function wideBody(revised = false): string {
  return [
    `Read ${LONG_URL} before ${LONG_TOKEN}${revised ? ', revised' : ''}.`,
    '## Section',
    `Some *prose* and \`code\` and \`${LONG_TOKEN}\`.`,
    '> A quote.',
    ['```ts', CODE_LINE, '```'].join('\n'),
    TABLE,
    `[${LONG_URL}](${LONG_URL})`,
  ].join('\n\n');
}
