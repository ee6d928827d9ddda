/** A schema.org object as JSON-LD: `@type` and its properties (nested things have their own). */
export interface JsonLdThing {
  '@context'?: 'https://schema.org';
  '@type': string;
  [property: string]: unknown;
}

/**
 * JSON for a `<script type="application/ld+json">`: the browser ends a script at the first
 * `</script` whatever the type, so `<` (and `>`, `&`, and the two line separators JavaScript
 * parsers once choked on) are written as \u escapes. JSON.parse reads them back unchanged, and no
 * title, bio or tag can close the element or open another.
 */
export function serializeJsonLd(data: JsonLdThing | JsonLdThing[]): string {
  return JSON.stringify(data).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
