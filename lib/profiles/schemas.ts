import { z } from 'zod';

/** Plain text only: control characters (other than new lines) and bidi overrides are removed. */
export function sanitizeText(value: string): string {
  return value
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0009\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const linkSchema = z
  .object({
    label: z
      .string()
      .default('')
      .transform(sanitizeText)
      .pipe(z.string().max(40, 'Link names are at most 40 characters.')),
    // An empty slot is allowed and dropped; anything else must be a full http(s) address.
    url: z
      .string()
      .trim()
      .max(200, 'Links are at most 200 characters.')
      .pipe(
        z.union(
          [
            z.literal(''),
            z.url({
              protocol: /^https?$/,
              error: 'Enter a full web address starting with https://',
            }),
          ],
          {
            error: 'Enter a full web address starting with https://',
          },
        ),
      ),
  })
  .superRefine((link, ctx) => {
    if (link.label && !link.url)
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'Add the address for this link.' });
  });

export const profileSchema = z.object({
  displayName: z
    .string({ error: 'Enter the name to show on your profile.' })
    .transform(sanitizeText)
    .pipe(
      z
        .string()
        .min(1, 'Enter the name to show on your profile.')
        .max(60, 'Use at most 60 characters.'),
    ),
  bio: z
    .string()
    .default('')
    .transform(sanitizeText)
    .pipe(z.string().max(500, 'Your bio can be at most 500 characters.')),
  links: z
    .array(linkSchema)
    .max(4, 'Add at most 4 links.')
    .default([])
    .transform((links) => links.filter((link) => link.url !== '')),
});
export type ProfileInput = z.infer<typeof profileSchema>;
