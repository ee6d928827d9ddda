'use client';

import { useEffect, useState } from 'react';
import { callApi } from '@/lib/api/client';
import { api } from '@/lib/api/contract';

const PREVIEW_MS = 400;

/**
 * The live preview through the server's renderer (the same sanitiser as the published page):
 * the HTML, or why the body cannot be shown (a rendering limit), in the server's words.
 */
export function usePreview(body: string): { html: string; problem: string | null } {
  const [html, setHtml] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(async () => {
      if (!body.trim()) {
        setProblem(null);
        return setHtml('');
      }
      const answer = await callApi(api.previewArticle, { body: { body } });
      if (answer.ok) {
        setHtml(answer.value.html);
        setProblem(null);
      } else if (answer.reached && answer.failure?.fieldErrors?.body) {
        setHtml('');
        setProblem(answer.failure.fieldErrors.body);
      }
    }, PREVIEW_MS);
    return () => clearTimeout(timer);
  }, [body]);
  return { html, problem };
}

export function PreviewPane({ html, problem }: { html: string; problem: string | null }) {
  return (
    <section aria-labelledby="preview-heading" className="min-w-0 space-y-2">
      <h2 id="preview-heading" className="text-sm font-medium">
        Preview
      </h2>
      <div className="min-h-48 rounded-xl border border-line bg-surface p-5">
        {problem ? (
          <p role="alert" className="text-danger">
            {problem}
          </p>
        ) : html ? (
          <div
            className="prose prose-inkwell max-w-none break-words"
            dangerouslySetInnerHTML={{ __html: html }}
          />
        ) : (
          <p className="text-muted">Your article will appear here as you write.</p>
        )}
      </div>
    </section>
  );
}
