import { MATCH_END, MATCH_START } from './keys';

/** A piece of a snippet; `match` pieces are the words that matched (shown in <mark>). */
export interface SnippetPart {
  text: string;
  match: boolean;
}

/** Splits the engine's snippet at our markers: rendered as text, never as HTML. */
export function splitSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const piece of snippet.split(MATCH_START)) {
    const end = piece.indexOf(MATCH_END);
    if (end === -1) {
      if (piece) parts.push({ text: piece, match: false });
      continue;
    }
    parts.push({ text: piece.slice(0, end), match: true });
    if (piece.length > end + 1) parts.push({ text: piece.slice(end + 1), match: false });
  }
  return parts;
}
