'use client';

import { useCallback, useState } from 'react';

export type FieldErrors = Partial<Record<string, string>>;

export interface SubmitState {
  busy: boolean;
  fieldErrors: FieldErrors;
  formError?: string;
  success?: string;
}

interface ApiFailure {
  ok: false;
  fieldErrors?: FieldErrors;
  formError?: string;
  retryAfterSeconds?: number;
}

const NETWORK_ERROR =
  'We could not reach Inkwell. Check your connection; what you typed is still here.';

/**
 * Sends a form to a route handler as JSON and keeps the answer: a message per field, a message
 * for the form, or success. Nothing typed is cleared on failure: the inputs keep their values.
 */
export function useJsonSubmit<T extends object = Record<string, unknown>>() {
  const [state, setState] = useState<SubmitState>({ busy: false, fieldErrors: {} });

  const submit = useCallback(
    async (
      url: string,
      init: { method?: string; body?: unknown; formData?: FormData; success?: string },
    ): Promise<(T & { ok: true }) | null> => {
      setState({ busy: true, fieldErrors: {} });
      try {
        const response = await fetch(url, {
          method: init.method ?? 'POST',
          headers: init.formData ? undefined : { 'Content-Type': 'application/json' },
          body: init.formData ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
        });
        const payload = (await response.json().catch(() => null)) as
          (T & { ok: true }) | ApiFailure | null;
        if (response.ok && payload && payload.ok) {
          setState({ busy: false, fieldErrors: {}, success: init.success });
          return payload;
        }
        const failure = (payload ?? {}) as ApiFailure;
        const fieldErrors = failure.fieldErrors ?? {};
        setState({
          busy: false,
          fieldErrors,
          formError:
            failure.formError ??
            (Object.keys(fieldErrors).length > 0
              ? 'Please correct the highlighted fields.'
              : `Something went wrong (${response.status}). Please try again.`),
        });
        // Move focus to the first field that needs attention.
        const first = Object.keys(fieldErrors)[0];
        if (first)
          requestAnimationFrame(() =>
            document.querySelector<HTMLElement>(`[name="${first}"]`)?.focus(),
          );
        return null;
      } catch {
        setState({ busy: false, fieldErrors: {}, formError: NETWORK_ERROR });
        return null;
      }
    },
    [],
  );

  return { ...state, submit };
}
