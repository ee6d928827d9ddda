/**
 * Images in rendered articles. Runs inside the render worker: no server-only imports.
 *
 * Only our own stored images survive (`/media/images/…`, the URL naming the image's size); any
 * other `<img>` (another host, a data: or javascript: URL, a made-up path) is removed. The
 * attributes of a kept one are ours alone: the sanitiser has already dropped anything else.
 */
import type { Element, Root as HtmlRoot, RootContent as HtmlContent } from 'hast';
import type { Root } from 'mdast';
import { inlineImageAttributes, parseInlineImageUrl } from '../../media/inline-image-names';

/** A rehype plugin: our images get srcset, size and lazy loading; every other image goes. */
export function rehypeOwnImages() {
  return (tree: HtmlRoot) => {
    const pending: { children: HtmlContent[] }[] = [tree as { children: HtmlContent[] }];
    for (let parent = pending.pop(); parent; parent = pending.pop()) {
      parent.children = parent.children.filter((child) => {
        if (child.type !== 'element') return true;
        if (child.tagName === 'img') return keepImage(child);
        pending.push(child);
        return true;
      });
    }
  };
}

function keepImage(element: Element): boolean {
  const src = element.properties.src;
  const image = typeof src === 'string' ? parseInlineImageUrl(src) : null;
  if (!image) return false;
  const { alt, title } = element.properties;
  element.properties = {
    ...inlineImageAttributes(image),
    alt: typeof alt === 'string' ? alt : '',
    ...(typeof title === 'string' ? { title } : {}),
    loading: 'lazy',
    decoding: 'async',
  };
  return true;
}

/**
 * The positions (1 = first) of our images that have no alt text, counting our images in the order
 * the text has them: publishing refuses them and says which.
 */
export function imagesWithoutAlt(tree: Root): number[] {
  const missing: number[] = [];
  let position = 0;
  // In document order, without recursion (a deep tree must not overflow the stack).
  const pending: object[] = [tree];
  for (let node = pending.pop(); node; node = pending.pop()) {
    const { type, url, alt, children } = node as {
      type?: string;
      url?: string;
      alt?: string | null;
      children?: object[];
    };
    if (type === 'image' && typeof url === 'string' && parseInlineImageUrl(url)) {
      position += 1;
      if (!alt?.trim()) missing.push(position);
    }
    if (children)
      for (let i = children.length - 1; i >= 0; i -= 1) pending.push(children[i] as object);
  }
  return missing;
}

/** Says which images need alt text before the article can be published. */
export function missingAltMessage(positions: number[]): string {
  const names =
    positions.length === 1
      ? `Image ${positions[0]} has`
      : `Images ${positions.slice(0, -1).join(', ')} and ${positions[positions.length - 1]} have`;
  return `${names} no alt text. Describe each image for people who cannot see it (in “Images” under the body, or between the brackets of ![…]) before publishing.`;
}
