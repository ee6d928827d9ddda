'use client';

import {
  useEffect,
  useRef,
  useState,
  type ClipboardEvent,
  type DragEvent,
  type FocusEvent,
} from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { TextField } from '@/components/ui/text-field';
import { callApi } from '@/lib/api/client';
import { api } from '@/lib/api/contract';
import type { EditorArticle } from '@/lib/articles/editor-article';
import { inlineImageAttributes, parseInlineImageUrl } from '@/lib/media/inline-image-names';

const ACCEPT = 'image/jpeg,image/png,image/webp,image/gif,image/avif';

/** `![alt](url)` of our own images, as the editor finds them in the body. */
const IMAGE_IN_BODY = /!\[([^\]\n]*)\]\((\/media\/images\/[a-f0-9/]+-\d+x\d+\.webp)\)/g;

interface BodyImage {
  alt: string;
  url: string;
}

function imagesIn(body: string): BodyImage[] {
  return [...body.matchAll(IMAGE_IN_BODY)].map((match) => ({
    alt: match[1] ?? '',
    url: match[2] ?? '',
  }));
}

/** Brackets, backslashes and line breaks would end the alt text early in the Markdown. */
const cleanAlt = (alt: string) => alt.replace(/[[\]\\\r\n]/g, ' ');

/** The body with the alt text of its `index`-th image of ours replaced. */
function withAlt(body: string, index: number, alt: string): string {
  let seen = -1;
  return body.replace(IMAGE_IN_BODY, (whole, _alt: string, url: string) => {
    seen += 1;
    return seen === index ? `![${cleanAlt(alt)}](${url})` : whole;
  });
}

/** The body with `![](url)` put in at `at`, in a paragraph of its own. */
function withImage(body: string, at: number, url: string): string {
  const place = Math.min(Math.max(at, 0), body.length);
  const before = body.slice(0, place);
  const after = body.slice(place);
  const lead =
    before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const tail = after.startsWith('\n') ? '\n' : '\n\n';
  return `${before}${lead}![](${url})${tail}${after}`;
}

/** Uploads one image into the article: the URL to put in the text, or why not. */
async function uploadImage(
  articleId: string,
  file: File,
): Promise<{ url: string } | { error: string }> {
  const data = new FormData();
  data.set('image', file);
  const answer = await callApi(api.uploadArticleImage, { params: { id: articleId }, body: data });
  if (answer.ok) return { url: answer.value.url };
  const failure = answer.reached ? answer.failure : null;
  return {
    error: failure?.fieldErrors?.image ?? failure?.formError ?? 'The image could not be added.',
  };
}

/**
 * Images inside the body: "Add image" (a file chooser), or an image pasted or dropped into the
 * body. Each is uploaded into the article (a new one is saved as a draft first) and put in the
 * text where the caret was; the body's textarea takes `bodyProps`.
 */
export function useBodyImages({
  body,
  update,
  ensureSaved,
}: {
  body: string;
  update: (changes: { body: string }) => void;
  ensureSaved: () => Promise<EditorArticle | null>;
}) {
  // The body as it is when an upload ends (the author may type meanwhile).
  const latestBody = useRef(body);
  useEffect(() => {
    latestBody.current = body;
  }, [body]);
  const caret = useRef<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState('');

  function refuse(message: string) {
    setError(message);
    setStatus('');
  }

  async function upload(files: File[], at: number | null) {
    const images = files.filter((file) => file.type.startsWith('image/') || file.type === '');
    if (images.length === 0) return;
    setBusy(true);
    setError(undefined);
    setStatus('Uploading image…');
    try {
      const article = await ensureSaved();
      if (!article) return refuse('Save the article first: the image needs a home.');
      let place = at ?? latestBody.current.length;
      for (const file of images) {
        const uploaded = await uploadImage(article.id, file);
        if ('error' in uploaded) return refuse(uploaded.error);
        const next = withImage(latestBody.current, place, uploaded.url);
        place += next.length - latestBody.current.length;
        latestBody.current = next;
        update({ body: next });
      }
      setStatus('Image added. Give it alt text below.');
    } finally {
      setBusy(false);
    }
  }

  const bodyProps = {
    onBlur: (event: FocusEvent<HTMLTextAreaElement>) => {
      caret.current = event.currentTarget.selectionStart;
    },
    onPaste: (event: ClipboardEvent<HTMLTextAreaElement>) => {
      const files = [...event.clipboardData.files];
      if (files.length === 0) return;
      event.preventDefault();
      void upload(files, event.currentTarget.selectionStart);
    },
    onDragOver: (event: DragEvent<HTMLTextAreaElement>) => {
      if (event.dataTransfer.types.includes('Files')) event.preventDefault();
    },
    onDrop: (event: DragEvent<HTMLTextAreaElement>) => {
      const files = [...event.dataTransfer.files];
      if (files.length === 0) return;
      event.preventDefault();
      void upload(files, event.currentTarget.selectionStart);
    },
  };

  return {
    bodyProps,
    panel: {
      body,
      busy,
      error,
      status,
      onChoose: (files: File[]) => void upload(files, caret.current),
      onAlt: (index: number, alt: string) => update({ body: withAlt(body, index, alt) }),
    },
  };
}

/** "Add image", what the last upload did, and the alt text of every image in the body. */
export function BodyImages({
  body,
  busy,
  error,
  status,
  onChoose,
  onAlt,
}: ReturnType<typeof useBodyImages>['panel']) {
  const chooser = useRef<HTMLInputElement>(null);
  const images = imagesIn(body);
  return (
    <section aria-labelledby="body-images-heading" className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="body-images-heading" className="text-sm font-medium">
          Images
        </h2>
        <Button variant="secondary" busy={busy} onClick={() => chooser.current?.click()}>
          Add image
        </Button>
        <input
          ref={chooser}
          type="file"
          accept={ACCEPT}
          multiple
          hidden
          tabIndex={-1}
          aria-hidden="true"
          onChange={(event) => {
            onChoose([...(event.currentTarget.files ?? [])]);
            event.currentTarget.value = '';
          }}
        />
        <p role="status" aria-live="polite" className="text-sm text-muted">
          {status}
        </p>
      </div>
      <p className="text-sm text-muted">
        Or paste or drop an image into the body. JPEG, PNG, WebP, GIF or AVIF, at most 5 MB.
      </p>
      {error ? <FormMessage tone="error">{error}</FormMessage> : null}
      {images.length > 0 ? (
        <ol className="space-y-3">
          {images.map((image, index) => (
            <BodyImageAlt key={`${index}-${image.url}`} image={image} index={index} onAlt={onAlt} />
          ))}
        </ol>
      ) : null}
    </section>
  );
}

function BodyImageAlt({
  image,
  index,
  onAlt,
}: {
  image: BodyImage;
  index: number;
  onAlt: (index: number, alt: string) => void;
}) {
  const parsed = parseInlineImageUrl(image.url);
  const thumbnail = parsed ? inlineImageAttributes(parsed) : null;
  return (
    <li className="flex flex-wrap items-start gap-3 rounded-lg border border-line p-3">
      {thumbnail ? (
        // The text field beside it describes the image: the thumbnail itself is decorative.
        // eslint-disable-next-line @next/next/no-img-element
        <img
          src={thumbnail.src}
          srcSet={thumbnail.srcSet}
          sizes="96px"
          width={thumbnail.width}
          height={thumbnail.height}
          alt=""
          className="h-auto w-24 rounded"
        />
      ) : null}
      <TextField
        label={`Alt text for image ${index + 1}`}
        value={image.alt}
        hint="What the image shows, for people who cannot see it. Required to publish."
        onChange={(event) => onAlt(index, event.target.value)}
        className="min-w-0 flex-1"
      />
    </li>
  );
}
