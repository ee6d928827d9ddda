/** Near the limit from this share of it: the live region speaks from here on. */
const NEAR = 0.9;

const count = (n: number) => n.toLocaleString('en');

/** What going over a limit is told, naming it; undefined within it. */
export function overLimitMessage(length: number, limit: number): string | undefined {
  if (length <= limit) return undefined;
  return `Use at most ${count(limit)} characters: this is ${count(length - limit)} over.`;
}

/**
 * "1,234 / 100,000 characters" under a field. Screen readers hear it with the field (its
 * description); the live region speaks only when the text comes near the limit or goes over it,
 * and its words change only then, so typing is not read out keystroke by keystroke.
 */
export function CharacterCount({
  id,
  length,
  limit,
}: {
  id: string;
  length: number;
  limit: number;
}) {
  const over = length > limit;
  const near = !over && length >= limit * NEAR;
  const announcement = over
    ? `Over the limit of ${count(limit)} characters.`
    : near
      ? `Near the limit of ${count(limit)} characters.`
      : '';
  return (
    <>
      <p
        id={id}
        className={`text-sm tabular-nums ${over ? 'font-medium text-danger' : 'text-muted'}`}
      >
        {count(length)} / {count(limit)} characters
      </p>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </>
  );
}
