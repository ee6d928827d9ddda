'use client';

import { useRouter } from 'next/navigation';
import { Form, textOf } from '@/components/forms/form';
import { useApiCall } from '@/components/forms/use-api-call';
import { Button } from '@/components/ui/button';
import { TextArea } from '@/components/ui/text-field';
import { api } from '@/lib/api/contract';

/** The author's one appeal of a hiding: why it should be shown again, then "Appeal". */
export function AppealForm({ caseId }: { caseId: string }) {
  const router = useRouter();
  const { busy, fieldErrors, formError, call } = useApiCall();

  async function appeal(data: FormData) {
    const answer = await call(api.appeal, {
      params: { id: caseId },
      body: { text: textOf(data, 'text') },
    });
    if (answer) router.refresh();
  }

  return (
    <Form onSubmit={appeal} error={formError}>
      <TextArea
        label="Why should it be shown again?"
        name="text"
        limit={2_000}
        hint="You can appeal once. A moderator reads it and decides; you will be told."
        error={fieldErrors.text}
      />
      <Button type="submit" busy={busy}>
        Appeal
      </Button>
    </Form>
  );
}
