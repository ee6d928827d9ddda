'use client';

import { useCallback, useState } from 'react';
import { callApi, type CallInput } from '@/lib/api/client';
import type { ApiRoute } from '@/lib/api/contract';
import type { FailureCode, FieldErrors } from '@/lib/validation/result';

export interface CallState {
  busy: boolean;
  fieldErrors: FieldErrors;
  formError?: string;
  /** The code of the last failure the server answered (a form may offer a way out of it). */
  failureCode?: FailureCode;
  success?: string;
}

const NETWORK_ERROR =
  'We could not reach Inkwell. Check your connection; what you typed is still here.';

/**
 * Calls an API route for a form or a button and keeps the answer: a message per field, a message
 * for the form, or success. Nothing typed is cleared on failure: the inputs keep their values.
 */
export function useApiCall() {
  const [state, setState] = useState<CallState>({ busy: false, fieldErrors: {} });

  const call = useCallback(
    async <Params, Request, Response>(
      route: ApiRoute<Params, Request, Response>,
      input: CallInput<Params, Request>,
      success?: string,
    ): Promise<Response | null> => {
      setState({ busy: true, fieldErrors: {} });
      const answer = await callApi(route, input);
      if (answer.ok) {
        setState({ busy: false, fieldErrors: {}, success });
        return answer.value;
      }
      if (!answer.reached) {
        setState({ busy: false, fieldErrors: {}, formError: NETWORK_ERROR });
        return null;
      }
      const fieldErrors = answer.failure?.fieldErrors ?? {};
      setState({
        busy: false,
        fieldErrors,
        failureCode: answer.failure?.code,
        formError:
          answer.failure?.formError ??
          (Object.keys(fieldErrors).length > 0
            ? 'Please correct the highlighted fields.'
            : `Something went wrong (${answer.httpStatus}). Please try again.`),
      });
      // Move focus to the first field that needs attention.
      const first = Object.keys(fieldErrors)[0];
      if (first)
        requestAnimationFrame(() =>
          document.querySelector<HTMLElement>(`[name="${first}"]`)?.focus(),
        );
      return null;
    },
    [],
  );

  return { ...state, call };
}
