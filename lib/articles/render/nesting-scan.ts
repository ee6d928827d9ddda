import { MARKDOWN_LIMITS } from './limits';

/**
 * How deeply lists and block quotes nest in a Markdown body, measured in one linear pass before
 * anything parses it: the parser's cost explodes with nesting (and overflows the stack past a few
 * thousand levels), while this scan refuses a 20,000-level list in microseconds.
 *
 * It follows CommonMark's container rules closely enough to be exact on what people write: a line
 * continues an open quote with `>` and an open list item with the item's indentation, a paragraph
 * line may continue lazily, fenced and indented code opens nothing, and `- - -` is a rule, not
 * three lists. It stops as soon as the depth passes `stopAbove`.
 */
export function measureNesting(markdown: string, stopAbove: number = MARKDOWN_LIMITS.maxNesting) {
  const open: Container[] = [];
  let fence: Fence | null = null;
  /** The innermost open block is a paragraph: a line that opens nothing may continue it lazily. */
  let paragraph = false;
  let deepest = 0;

  let start = 0;
  while (start <= markdown.length) {
    let end = markdown.indexOf('\n', start);
    if (end === -1) end = markdown.length;
    const line = expandTabs(markdown.slice(start, end).replace(/\r$/, ''));
    start = end + 1;

    // 1. Which open containers does this line continue?
    const continued = continuedContainers(line, open);
    const matched = continued.matched;
    let at = continued.at;

    // 2. Inside a fenced code block nothing opens; only its closing fence (or its container) ends it.
    if (fence) {
      if (matched === open.length) {
        if (closesFence(line, at, fence)) fence = null;
        continue;
      }
      fence = null;
    }

    if (matched < open.length) {
      const lazy = paragraph && !isBlank(line, at) && !startsBlock(line, at);
      if (lazy) continue;
      open.length = matched;
      paragraph = false;
    }

    // 3. New containers opened on this line.
    for (;;) {
      const indent = countSpaces(line, at, 4);
      if (indent >= 4) break;
      const marker = at + indent;
      if (line[marker] === '>') {
        open.push({ kind: 'quote' });
        paragraph = false;
        at = marker + 1;
        if (line[at] === ' ') at += 1;
      } else {
        const item = listItemAt(line, marker, paragraph);
        if (!item) break;
        const spaces = countSpaces(line, item.markerEnd, 5);
        const blankItem = isBlank(line, item.markerEnd);
        // CommonMark: 1-4 spaces after the marker set the content's indentation; 5+ mean code.
        const gap = blankItem || spaces > 4 ? 1 : spaces;
        open.push({ kind: 'item', contentIndent: indent + (item.markerEnd - marker) + gap });
        paragraph = false;
        at = blankItem ? line.length : item.markerEnd + gap;
      }
      if (open.length > deepest) {
        deepest = open.length;
        if (deepest > stopAbove) return deepest;
      }
    }

    // 4. The line's leaf block: only paragraphs matter (laziness), and fences (their content).
    if (isBlank(line, at)) {
      paragraph = false;
    } else {
      const indent = countSpaces(line, at, 4);
      if (indent >= 4) {
        // Indented code, unless it continues a paragraph (which it cannot interrupt).
      } else {
        const opened = fenceAt(line, at + indent, open.length);
        if (opened) {
          fence = opened;
          paragraph = false;
        } else if (paragraph && isSetextUnderline(line, at + indent)) {
          paragraph = false; // `===` or `---` under a paragraph makes it a heading
        } else {
          paragraph = !isHeadingOrRule(line, at + indent);
        }
      }
    }
  }
  return deepest;
}

/**
 * How many of the open containers `line` continues (a quote by its `>`, a list item by its
 * content's indentation or a blank line), and where the rest of the line starts.
 */
function continuedContainers(
  line: string,
  open: readonly Container[],
): { matched: number; at: number } {
  let at = 0;
  let matched = 0;
  for (; matched < open.length; matched += 1) {
    const container = open[matched] as Container;
    if (container.kind === 'quote') {
      const marker = at + countSpaces(line, at, 3);
      if (line[marker] !== '>') break;
      at = marker + 1;
      if (line[at] === ' ') at += 1;
    } else if (isBlank(line, at)) {
      at = line.length;
    } else {
      if (countSpaces(line, at, container.contentIndent) < container.contentIndent) break;
      at += container.contentIndent;
    }
  }
  return { matched, at };
}

type Container = { kind: 'quote' } | { kind: 'item'; contentIndent: number };
interface Fence {
  char: '`' | '~';
  length: number;
}

function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const char of line) out += char === '\t' ? ' '.repeat(4 - (out.length % 4)) : char;
  return out;
}

/** Spaces at `at`, counting at most `max`. */
function countSpaces(line: string, at: number, max: number): number {
  let count = 0;
  while (count < max && line[at + count] === ' ') count += 1;
  return count;
}

function isBlank(line: string, at: number): boolean {
  for (let index = at; index < line.length; index += 1) if (line[index] !== ' ') return false;
  return true;
}

/** A list marker at `at` (`-`, `+`, `*`, or 1-9 digits then `.` or `)`) followed by a space or the end. */
function listItemAt(
  line: string,
  at: number,
  interruptsParagraph: boolean,
): { markerEnd: number } | null {
  const char = line[at];
  let markerEnd: number;
  if (char === '-' || char === '+' || char === '*') {
    if (isThematicBreak(line, at)) return null;
    markerEnd = at + 1;
  } else {
    let digits = 0;
    while (digits < 10 && isDigit(line[at + digits])) digits += 1;
    if (digits === 0 || digits > 9) return null;
    const delimiter = line[at + digits];
    if (delimiter !== '.' && delimiter !== ')') return null;
    // Only a list starting at 1 may interrupt a paragraph.
    if (interruptsParagraph && line.slice(at, at + digits) !== '1') return null;
    markerEnd = at + digits + 1;
  }
  if (markerEnd < line.length && line[markerEnd] !== ' ') return null;
  // An empty item may not interrupt a paragraph.
  if (interruptsParagraph && isBlank(line, markerEnd)) return null;
  return { markerEnd };
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

/** `---`, `* * *`, `___`: three or more of one of them, with only spaces between. */
function isThematicBreak(line: string, at: number): boolean {
  const char = line[at];
  if (char !== '-' && char !== '*' && char !== '_') return false;
  let count = 0;
  for (let index = at; index < line.length; index += 1) {
    if (line[index] === char) count += 1;
    else if (line[index] !== ' ') return false;
  }
  return count >= 3;
}

function isHeadingOrRule(line: string, at: number): boolean {
  if (isThematicBreak(line, at)) return true;
  let hashes = 0;
  while (hashes < 7 && line[at + hashes] === '#') hashes += 1;
  return hashes >= 1 && hashes <= 6 && (at + hashes === line.length || line[at + hashes] === ' ');
}

function isSetextUnderline(line: string, at: number): boolean {
  const char = line[at];
  if (char !== '=' && char !== '-') return false;
  let end = at;
  while (line[end] === char) end += 1;
  return isBlank(line, end);
}

/** Whether the text at `at` (after the containers this line matched) starts a block of its own. */
function startsBlock(line: string, at: number): boolean {
  const indent = countSpaces(line, at, 4);
  if (indent >= 4) return false;
  const start = at + indent;
  return (
    line[start] === '>' ||
    // Any list marker, as micromark reads it: a line that leaves containers opens a list at once.
    listItemAt(line, start, false) !== null ||
    isHeadingOrRule(line, start) ||
    fenceAt(line, start, 0) !== null
  );
}

function fenceAt(line: string, at: number, _depth: number): Fence | null {
  const char = line[at];
  if (char !== '`' && char !== '~') return null;
  let length = 0;
  while (line[at + length] === char) length += 1;
  if (length < 3) return null;
  if (char === '`' && line.indexOf('`', at + length) !== -1) return null;
  return { char, length };
}

function closesFence(line: string, at: number, fence: Fence): boolean {
  const indent = countSpaces(line, at, 4);
  if (indent >= 4) return false;
  let length = 0;
  while (line[at + indent + length] === fence.char) length += 1;
  return length >= fence.length && isBlank(line, at + indent + length);
}
