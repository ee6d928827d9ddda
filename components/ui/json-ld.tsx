import { serializeJsonLd, type JsonLdThing } from '@/lib/util/json-ld';

/**
 * Structured data for search engines. A data block, never executed, so the CSP nonce is not
 * needed; its JSON is escaped so no content can end the element (lib/util/json-ld.ts).
 */
export function JsonLd({ data }: { data: JsonLdThing | JsonLdThing[] }) {
  return (
    <script
      type="application/ld+json"
      dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }}
    />
  );
}
