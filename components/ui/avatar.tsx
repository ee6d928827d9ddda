import type { ImageRef } from '@/lib/media/image-ref';
import { avatarUrl } from '@/lib/media/names';

const palette = ['#1f5fbf', '#8a3ffc', '#0e7c66', '#b3261e', '#9c5d00', '#4a5a6a'];

/** The uploaded picture, or the person's initials on a colour derived from their name. */
export function Avatar({
  user,
  size = 40,
  decorative = false,
}: {
  user: { id: string; displayName: string; username: string; avatar: ImageRef | null };
  size?: number;
  decorative?: boolean;
}) {
  const alt = decorative ? '' : `${user.displayName}'s avatar`;
  if (user.avatar) {
    return (
      // eslint-disable-next-line @next/next/no-img-element -- already a sized, immutable WebP
      <img
        src={avatarUrl(user.id, user.avatar, size * 2)}
        alt={alt}
        width={size}
        height={size}
        loading="lazy"
        decoding="async"
        className="shrink-0 rounded-full bg-line object-cover"
        style={{ width: size, height: size }}
      />
    );
  }
  const initials =
    user.displayName
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((part) => part[0]?.toUpperCase())
      .join('') || user.username.slice(0, 2).toUpperCase();
  const colour =
    palette[[...user.username].reduce((sum, char) => sum + char.charCodeAt(0), 0) % palette.length];
  return (
    <span
      role={decorative ? undefined : 'img'}
      aria-label={decorative ? undefined : alt}
      aria-hidden={decorative || undefined}
      className="inline-flex shrink-0 select-none items-center justify-center rounded-full font-semibold text-white"
      style={{
        width: size,
        height: size,
        fontSize: Math.max(11, size * 0.4),
        backgroundColor: colour,
      }}
    >
      {initials}
    </span>
  );
}
