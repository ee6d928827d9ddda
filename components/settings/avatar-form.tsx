'use client';

import { useRouter } from 'next/navigation';
import { useJsonSubmit } from '@/components/forms/use-json-submit';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { TextField } from '@/components/ui/text-field';

export function AvatarForm({ hasAvatar }: { hasAvatar: boolean }) {
  const router = useRouter();
  const upload = useJsonSubmit();
  const removal = useJsonSubmit();
  const formError = upload.formError ?? removal.formError;
  return (
    <div className="space-y-4">
      <form
        noValidate
        className="space-y-4"
        onSubmit={async (event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const saved = await upload.submit('/api/profile/avatar', {
            formData: new FormData(form),
            success: 'Your new avatar is saved.',
          });
          if (saved) {
            form.reset();
            router.refresh();
          }
        }}
      >
        {formError && !upload.fieldErrors.avatar ? (
          <FormMessage tone="error">{formError}</FormMessage>
        ) : null}
        {(upload.success ?? removal.success) ? (
          <FormMessage tone="success">{upload.success ?? removal.success}</FormMessage>
        ) : null}
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
                if (
                  await removal.submit('/api/profile/avatar', {
                    method: 'DELETE',
                    success: 'Your avatar was removed.',
                  })
                )
                  router.refresh();
              }}
            >
              Remove avatar
            </Button>
          ) : null}
        </div>
      </form>
    </div>
  );
}
