/**
 * The element a page kept for every signed-in reader carries that reader's own state in, after
 * the page (lib/reader/reader-state.ts writes it; components/reader/reader-store.ts reads it).
 * Apart from reader-state.ts so the browser's code can name it without the server's.
 */
export const READER_STATE_ELEMENT = 'inkwell-reader-state';

const OPENING = `<script type="application/json" id="${READER_STATE_ELEMENT}">`;
const CLOSING = '</script>';

/**
 * A hit's HTML as sent to a signed-in reader: the page kept for every reader, and the state
 * that follows it (null when none does). For tests and the bench, which read the text; the
 * browser reads the element.
 */
export function splitReaderState(html: string): { page: string; state: unknown } {
  const at = html.lastIndexOf(OPENING);
  if (at < 0 || !html.endsWith(CLOSING)) return { page: html, state: null };
  const json = html.slice(at + OPENING.length, html.length - CLOSING.length);
  return { page: html.slice(0, at), state: JSON.parse(json) as unknown };
}
