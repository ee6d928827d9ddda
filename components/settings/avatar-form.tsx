'use client';

import { useRouter } from 'next/navigation';
import { Form } from '@/components/forms/form';
import { useApiCall } from '@/components/forms/use-api-call';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { api } from '@/lib/api/contract';

export function AvatarForm({ hasAvatar }: { hasAvatar: boolean }) {
  const router = useRouter();
  const upload = useApiCall();
  const removal = useApiCall();
  const formError = upload.formError ?? removal.formError;
  return (
    <div className="space-y-4">
      <Form
        // A message on the file field is not repeated for the form.
        error={upload.fieldErrors.avatar ? undefined : formError}
        success={upload.success ?? removal.success}
        onSubmit={async (data, form) => {
          const saved = await upload.call(
            api.uploadAvatar,
            { body: data },
            'Your new avatar is saved.',
          );
          if (saved) {
            form.reset();
            router.refresh();
          }
        }}
      >
        <TextField
          label="Avatar image"
          name="avatar"
          type="file"
          accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
          hint="JPEG, PNG, WebP, GIF or AVIF, at most 5 MB. It is cropped to a square."
          error={upload.fieldErrors.avatar}
        />
        <div className="flex flex-wrap gap-3">
          <Button type="submit" busy={upload.busy}>
            Upload avatar
          </Button>
          {hasAvatar ? (
            <Button
              variant="secondary"
              busy={removal.busy}
              onClick={async () => {
                if (await removal.call(api.removeAvatar, {}, 'Your avatar was removed.'))
                  router.refresh();
              }}
            >
              Remove avatar
            </Button>
          ) : null}
        </div>
      </Form>
    </div>
  );
}
