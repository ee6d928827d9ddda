import type { actOnCase, caseActionSchema } from '@/lib/moderation/act-on-case';
import type { appealHiding, appealSchema } from '@/lib/moderation/appeal';
import type { reportItem, reportSchema } from '@/lib/moderation/report-item';
import type { changeModerator, moderatorChangeSchema } from '@/lib/moderation/set-role';
import type { ValueOf } from '@/lib/validation/result';
import { route, type BodyOf, type ById } from './route';

/** Community safety: reports, the moderators' decisions, appeals and naming moderators. */
export const moderationRoutes = {
  /** "Report" on an article, a comment or a profile: any signed-in person. */
  report: route<void, BodyOf<typeof reportSchema>, ValueOf<typeof reportItem>>(
    'POST',
    () => '/api/reports',
    201,
  ),
  /** A moderator's decision on a queue entry (Hide, Suspend, Dismiss; on appeals restore/keep). */
  actOnCase: route<ById, BodyOf<typeof caseActionSchema>, ValueOf<typeof actOnCase>>(
    'POST',
    ({ id }) => `/api/moderation/cases/${id}/actions`,
  ),
  /** The item's author's one appeal of a hiding. */
  appeal: route<ById, BodyOf<typeof appealSchema>, ValueOf<typeof appealHiding>>(
    'POST',
    ({ id }) => `/api/moderation/cases/${id}/appeal`,
    201,
  ),
  /** Admins grant or revoke the moderator role. */
  changeModerator: route<
    void,
    BodyOf<typeof moderatorChangeSchema>,
    ValueOf<typeof changeModerator>
  >('POST', () => '/api/moderation/moderators'),
} as const;
