/**
 * A readable diff of two texts for the "History" page: Myers' O(ND) algorithm over lines, then
 * over words inside each changed stretch, so a one-word edit shows as that word. Bounded: each
 * text is cut at DIFF_MAX_CHARS and a comparison needing more than MAX_EDITS steps falls back to
 * "all removed, all added" for that stretch, so a huge rewrite costs little.
 */

export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

export const DIFF_MAX_CHARS = 100_000;
const MAX_EDITS = 1_000;
/** Word-level refinement only for changed stretches up to this many words a side. */
const MAX_WORDS = 4_000;

export interface TextDiff {
  parts: DiffPart[];
  /** Whether a text was longer than DIFF_MAX_CHARS (the diff covers its beginning). */
  truncated: boolean;
}

export function diffTexts(before: string, after: string): TextDiff {
  const truncated = before.length > DIFF_MAX_CHARS || after.length > DIFF_MAX_CHARS;
  const lineParts = diffTokens(
    splitLines(before.slice(0, DIFF_MAX_CHARS)),
    splitLines(after.slice(0, DIFF_MAX_CHARS)),
  );
  const parts: DiffPart[] = [];
  for (let i = 0; i < lineParts.length; i++) {
    const part = lineParts[i] as DiffPart;
    const following = lineParts[i + 1];
    // A removed stretch followed by an added one is a change: compare it word by word.
    if (part.kind === 'removed' && following?.kind === 'added') {
      parts.push(...refine(part.text, following.text));
      i++;
    } else parts.push(part);
  }
  return { parts: merge(parts), truncated };
}

function refine(removed: string, added: string): DiffPart[] {
  const a = splitWords(removed);
  const b = splitWords(added);
  if (a.length > MAX_WORDS || b.length > MAX_WORDS)
    return [
      { kind: 'removed', text: removed },
      { kind: 'added', text: added },
    ];
  return diffTokens(a, b);
}

/** Lines with their line breaks, so joining the parts gives the texts back. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Words and the spaces between them as separate tokens. */
function splitWords(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/** Myers' shortest edit script between two token lists, as merged parts. */
function diffTokens(a: string[], b: string[]): DiffPart[] {
  // Common beginning and end first: most edits touch a small part of a long text.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const middle = editScript(a.slice(start, endA), b.slice(start, endB));
  return merge([
    { kind: 'same', text: a.slice(0, start).join('') },
    ...middle,
    { kind: 'same', text: a.slice(endA).join('') },
  ]);
}

function editScript(a: string[], b: string[]): DiffPart[] {
  const n = a.length;
  const m = b.length;
  const whole: DiffPart[] = [
    { kind: 'removed', text: a.join('') },
    { kind: 'added', text: b.join('') },
  ];
  if (n === 0 || m === 0) return whole;
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number))
          ? (v[offset + k + 1] as number)
          : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, offset, d);
    }
  }
  return whole;
}

/** Walks the recorded frontiers back from the end, collecting the edit script. */
function backtrack(
  trace: Int32Array[],
  a: string[],
  b: string[],
  offset: number,
  depth: number,
): DiffPart[] {
  const reversed: DiffPart[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = depth; d > 0; d--) {
    const v = trace[d] as Int32Array;
    const k = x - y;
    const fromInsert =
      k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number));
    const prevK = fromInsert ? k + 1 : k - 1;
    const prevX = v[offset + prevK] as number;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      y--;
      reversed.push({ kind: 'same', text: a[--x] as string });
    }
    if (fromInsert) reversed.push({ kind: 'added', text: b[--y] as string });
    else reversed.push({ kind: 'removed', text: a[--x] as string });
  }
  while (x > 0 && y > 0) {
    y--;
    reversed.push({ kind: 'same', text: a[--x] as string });
  }
  return merge(reversed.reverse());
}

/** Joins neighbours of the same kind and drops empty parts. */
function merge(parts: DiffPart[]): DiffPart[] {
  const merged: DiffPart[] = [];
  for (const part of parts) {
    if (!part.text) continue;
    const last = merged.at(-1);
    if (last && last.kind === part.kind) last.text += part.text;
    else merged.push({ ...part });
  }
  return merged;
}
