/** "Hello, World! ✨" → "hello-world"; never empty. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
  return slug || 'untitled';
}

/** Candidate slugs in order: "x", "x-2", "x-3", … */
export function* slugCandidates(base: string): Generator<string> {
  yield base;
  for (let suffix = 2; suffix < 1_000; suffix += 1) yield `${base}-${suffix}`;
}
