import { headers } from 'next/headers';
import { serializeJsonLd, type JsonLdThing } from '@/lib/util/json-ld';

/**
 * Structured data for search engines. A data block, never executed; it carries the render's CSP
 * nonce all the same, so every script element of a page (and of its kept copy) has it. Its JSON
 * is escaped so no content can end the element (lib/util/json-ld.ts).
 */
export async function JsonLd({ data }: { data: JsonLdThing | JsonLdThing[] }) {
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <script
      type="application/ld+json"
      nonce={nonce}
      dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }}
    />
  );
}
