'use client';

import { Form, textOf } from '@/components/forms/form';
import { useApiCall } from '@/components/forms/use-api-call';
import { Button } from '@/components/ui/button';
import { TextArea, TextField } from '@/components/ui/text-field';
import type { ProfileLink } from '@/lib/users/user-model';
import { api } from '@/lib/api/contract';
import type { FieldErrors } from '@/lib/validation/result';

const LINK_SLOTS = 4;

/** A name and an address per link slot; each error stays under the field it belongs to. */
function LinkFields({ slots, fieldErrors }: { slots: ProfileLink[]; fieldErrors: FieldErrors }) {
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium">Links</legend>
      {fieldErrors.links ? (
        <p className="text-sm font-medium text-danger">{fieldErrors.links}</p>
      ) : null}
      {slots.map((link, index) => (
        <div key={index} className="grid gap-3 sm:grid-cols-[1fr_2fr]">
          <TextField
            label={`Link ${index + 1} name`}
            name={`links.${index}.label`}
            defaultValue={link.label}
            limit={40}
            error={fieldErrors[`links.${index}.label`]}
          />
          <TextField
            label={`Link ${index + 1} address`}
            name={`links.${index}.url`}
            type="url"
            inputMode="url"
            placeholder="https://"
            defaultValue={link.url}
            error={fieldErrors[`links.${index}.url`]}
          />
        </div>
      ))}
    </fieldset>
  );
}

export function ProfileForm({
  displayName,
  bio,
  links,
}: {
  displayName: string;
  bio: string;
  links: ProfileLink[];
}) {
  const { busy, fieldErrors, formError, success, call } = useApiCall();
  const slots = Array.from(
    { length: LINK_SLOTS },
    (_, index) => links[index] ?? { label: '', url: '' },
  );
  return (
    <Form
      error={formError}
      success={success}
      onSubmit={(data) =>
        call(
          api.updateProfile,
          {
            body: {
              displayName: textOf(data, 'displayName'),
              bio: textOf(data, 'bio'),
              // Every slot is sent, so an error comes back under the slot it belongs to.
              links: slots.map((_, index) => ({
                label: textOf(data, `links.${index}.label`),
                url: textOf(data, `links.${index}.url`),
              })),
            },
          },
          'Your profile is saved.',
        )
      }
    >
      <TextField
        label="Display name"
        name="displayName"
        defaultValue={displayName}
        limit={60}
        required
        error={fieldErrors.displayName}
      />
      <TextArea
        label="Bio"
        name="bio"
        defaultValue={bio}
        limit={500}
        hint="Plain text."
        error={fieldErrors.bio}
      />
      <LinkFields slots={slots} fieldErrors={fieldErrors} />
      <Button type="submit" busy={busy}>
        Save profile
      </Button>
    </Form>
  );
}
