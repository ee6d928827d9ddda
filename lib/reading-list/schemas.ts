import { z } from 'zod';

/** The article of a save or a removal, from the route's path. */
export const savedArticleSchema = z.object({
  articleId: z
    .string({ error: 'Say which article.' })
    .regex(/^[a-f0-9]{24}$/, { error: 'This article does not exist.' }),
});

/** What a save or a removal answers: whether the article is now in the reader's list. */
export interface SavedState {
  saved: boolean;
}
