/**
 * The element a page kept for every signed-in reader carries that reader's own state in, after
 * the page (lib/reader/reader-state.ts writes it; components/reader/reader-store.ts reads it).
 * Apart from reader-state.ts so the browser's code can name it without the server's.
 */
export const READER_STATE_ELEMENT = 'inkwell-reader-state';
