/**
 * Wide blocks in rendered articles (code, tables) scroll inside their own box instead of widening
 * the page on a phone. Runs inside the render worker: no server-only imports.
 *
 * A box that scrolls must be reachable by keyboard: each `pre` is focusable, and each table sits
 * in a focusable, named region (the class sets the scrolling, app/globals.css).
 */
import type { Element, Root as HtmlRoot, RootContent as HtmlContent } from 'hast';

/** A rehype plugin, run after sanitising (these attributes are our own markup). */
export function rehypeScrollBoxes() {
  return (tree: HtmlRoot) => {
    const pending: { children: HtmlContent[] }[] = [tree as { children: HtmlContent[] }];
    for (let parent = pending.pop(); parent; parent = pending.pop()) {
      parent.children = parent.children.map((child) => {
        if (child.type !== 'element') return child;
        if (child.tagName === 'pre') {
          child.properties = { ...child.properties, tabIndex: 0 };
          return child;
        }
        pending.push(child);
        return child.tagName === 'table' ? tableBox(child) : child;
      });
    }
  };
}

function tableBox(table: Element): Element {
  return {
    type: 'element',
    tagName: 'div',
    properties: { className: ['table-scroll'], tabIndex: 0, role: 'region', ariaLabel: 'Table' },
    children: [table],
  };
}
