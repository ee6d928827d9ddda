import { z } from 'zod';
import { sanitizeText } from '@/lib/profiles/schemas';
import { MARKDOWN_LIMITS } from './render/limits';
import { VISIBILITIES } from './visibility';

export const TITLE_MAX = 150;
export const BODY_MAX = MARKDOWN_LIMITS.maxChars;
export const TAGS_MAX = 5;
/** Characters in one tag: a longer one is refused by name, never shortened. */
export const TAG_MAX = 30;

/** "Web Dev" → "web-dev": tags are lowercase words joined by dashes (never cut short). */
export function normaliseTag(tag: string): string {
  return tag
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const tagsSchema = z
  .union([z.string().max(500), z.array(z.string().max(500)).max(20)], {
    error: 'List up to 5 tags.',
  })
  .transform((value) => (typeof value === 'string' ? value.split(',') : value))
  .transform((tags) => [...new Set(tags.map(normaliseTag).filter(Boolean))])
  .pipe(
    z
      .array(z.string())
      .max(TAGS_MAX, `Use at most ${TAGS_MAX} tags.`)
      .superRefine((tags, ctx) => {
        const long = tags.find((tag) => tag.length > TAG_MAX);
        if (long)
          ctx.addIssue({
            code: 'custom',
            message: `Tags can be at most ${TAG_MAX} characters: ${long}`,
          });
      }),
  );

/** What the editor saves: every field optional, since drafts may be half written. */
export const articleDraftSchema = z.object({
  title: z
    .string({ error: 'The title must be text.' })
    .transform(sanitizeText)
    .pipe(z.string().max(TITLE_MAX, `Titles are at most ${TITLE_MAX} characters.`))
    .optional(),
  body: z
    .string({ error: 'The body must be text.' })
    .max(BODY_MAX, `Articles are at most ${BODY_MAX.toLocaleString('en')} characters.`)
    .transform((body) => body.replace(/\r\n?/g, '\n'))
    .optional(),
  tags: tagsSchema.optional(),
  visibility: z
    .enum(VISIBILITIES, { error: 'Choose Public, Friends only or Unlisted.' })
    .optional(),
  /** The version the editor started from: a save over a newer version is refused (409). */
  baseVersion: z.number().int().min(1).optional(),
});
export type ArticleDraftInput = z.infer<typeof articleDraftSchema>;

/** Publishing needs a title and a body. */
export const publishableSchema = z.object({
  title: z.string().trim().min(1, 'Give your article a title before publishing.'),
  body: z.string().trim().min(1, 'Write something before publishing.'),
});

export const commentSchema = z.object({
  body: z
    .string({ error: 'Write a comment first.' })
    .transform(sanitizeText)
    .pipe(
      z
        .string()
        .min(1, 'Write a comment first.')
        .max(5_000, 'Comments are at most 5,000 characters.'),
    ),
  parentId: z
    .string()
    .regex(/^[a-f0-9]{24}$/, 'Unknown comment.')
    .nullish(),
});

/** How large and how deep a conversation may grow. */
export const COMMENT_LIMITS = {
  /** Comments (replies included) on one article; the page shows them all. */
  maxPerArticle: 1_000,
  /** Replies to replies: a top-level comment is depth 0. */
  maxDepth: 20,
} as const;

/** Where a new comment would go, measured on the stored conversation before it is written. */
export const commentPlacementSchema = z.object({
  commentsBefore: z
    .number()
    .max(
      COMMENT_LIMITS.maxPerArticle - 1,
      `This article has ${COMMENT_LIMITS.maxPerArticle.toLocaleString('en')} comments, the most it can take. The conversation is closed.`,
    ),
  depth: z
    .number()
    .max(
      COMMENT_LIMITS.maxDepth,
      `This conversation is ${COMMENT_LIMITS.maxDepth} replies deep, the most it can go. Reply to an earlier comment instead.`,
    ),
});

/** An edit changes the body only; a comment stays where it was. */
export const commentEditSchema = commentSchema.pick({ body: true });

/** The editor's live preview: the body as it is now, within the same length limit. */
export const previewSchema = z.object({
  body: z
    .string()
    .max(BODY_MAX, `Articles are at most ${BODY_MAX.toLocaleString('en')} characters.`),
});

export const likeSchema = z.object({
  liked: z.boolean({ error: 'Say whether you like it (true or false).' }),
});

/** A publication time: an ISO date-time with its offset (the browser sends the author's zone's). */
export const scheduleSchema = z.object({
  publishAt: z.iso.datetime({
    offset: true,
    error: 'Choose a date and time to publish it.',
  }),
  /** The version the editor started from, as for saves. */
  baseVersion: z.number().int().min(1).optional(),
});
/** A schedule runs at least this far ahead (a time nearer is a "Publish") and at most a year. */
export const SCHEDULE_MIN_LEAD_MS = 10_000;
export const SCHEDULE_MAX_LEAD_MS = 366 * 24 * 60 * 60 * 1000;

/** Restoring a kept version: which one, and the version the editor started from (as for saves). */
export const restoreRevisionSchema = z.object({
  version: z.number({ error: 'Choose a version to restore.' }).int().min(1),
  baseVersion: z.number().int().min(1).optional(),
});
