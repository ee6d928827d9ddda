'use client';

import type { TextareaHTMLAttributes } from 'react';
import { TextArea, TextField } from '@/components/ui/text-field';
import { BODY_MAX, TAG_MAX, TITLE_MAX } from '@/lib/articles/schemas';
import type { FieldErrors } from '@/lib/validation/result';
import type { DraftFields } from './send-draft';

const VISIBILITIES = [
  ['public', 'Public'],
  ['friends', 'Friends only'],
  ['unlisted', 'Unlisted'],
] as const;

/** Title, body, tags and visibility, each with the server's message for it. */
export function ArticleFields({
  fields,
  fieldErrors,
  update,
  bodyProps,
}: {
  fields: DraftFields;
  fieldErrors: FieldErrors;
  update: (changes: Partial<DraftFields>) => void;
  /** More for the body's textarea (images pasted or dropped into it). */
  bodyProps?: TextareaHTMLAttributes<HTMLTextAreaElement>;
}) {
  return (
    <>
      <TextField
        label="Title"
        name="title"
        value={fields.title}
        limit={TITLE_MAX}
        onChange={(event) => update({ title: event.target.value })}
        error={fieldErrors.title}
      />
      <TextArea
        {...bodyProps}
        label="Body"
        name="body"
        value={fields.body}
        hint="Markdown: **bold**, _italic_, # headings, [links](https://…), ```code```, ![alt text](image)."
        limit={BODY_MAX}
        onChange={(event) => update({ body: event.target.value })}
        error={fieldErrors.body}
        className="[&_textarea]:min-h-96 [&_textarea]:font-mono"
      />
      <TextField
        label="Tags"
        name="tags"
        value={fields.tags}
        hint={`Up to 5, separated by commas; each at most ${TAG_MAX} characters.`}
        onChange={(event) => update({ tags: event.target.value })}
        error={fieldErrors.tags}
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Visibility</legend>
        {VISIBILITIES.map(([value, label]) => (
          <label key={value} className="flex items-center gap-2">
            <input
              type="radio"
              name="visibility"
              value={value}
              checked={fields.visibility === value}
              onChange={() => update({ visibility: value })}
            />
            {label}
          </label>
        ))}
        {fieldErrors.visibility ? (
          <p className="text-sm font-medium text-danger">{fieldErrors.visibility}</p>
        ) : null}
      </fieldset>
    </>
  );
}
