/** The fragment naming a comment on its article's page (notifications link to it). */
export function commentAnchor(commentId: string): string {
  return `comment-${commentId}`;
}
