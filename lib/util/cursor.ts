/** A list's `?before=` cursor (a time in ms, as the lists page by) as a number, or undefined. */
export function parseCursor(value: string | string[] | undefined): number | undefined {
  const number = Number(Array.isArray(value) ? value[0] : value);
  return Number.isFinite(number) && number > 0 ? number : undefined;
}
