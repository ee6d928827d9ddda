/**
 * Names the first admin (and any other) from the command line, where no admin exists yet to do
 * it in the app; every change lands in the moderation audit log with `cli` as the actor.
 *
 *   npm run admin -- grant admin <username> [reason…]
 *   npm run admin -- revoke admin <username> [reason…]
 *   npm run admin -- grant moderator <username> [reason…]   (admins can also do this in the app)
 *   npm run admin -- unsuspend <username> [reason…]   (lifts a suspension early; ends nothing)
 *
 * Uses MONGODB_URI as the app does. Exits 0 on success, 1 with a message otherwise.
 */
import { disconnectDb } from '../lib/db/connection';
import { setRole } from '../lib/moderation/set-role';
import { unsuspendUser } from '../lib/moderation/unsuspend-user';

const USAGE =
  'usage: npm run admin -- grant|revoke admin|moderator <username> [reason]\n' +
  '       npm run admin -- unsuspend <username> [reason]';
const CLI = { id: null, label: 'cli' };

export async function runAdminCommand(
  argv: readonly string[],
): Promise<{ code: number; message: string }> {
  if (argv[0] === 'unsuspend') return unsuspend(argv.slice(1));
  const [action, role, username, ...reasonWords] = argv;
  if (
    (action !== 'grant' && action !== 'revoke') ||
    (role !== 'admin' && role !== 'moderator') ||
    !username
  )
    return { code: 1, message: USAGE };
  const reason = reasonWords.join(' ').trim() || `${action} ${role} from the command line`;
  const outcome = await setRole(CLI, username, role, action, reason);
  if (!outcome.ok) return { code: 1, message: outcome.formError ?? 'That did not work.' };
  return { code: 0, message: `${outcome.value.username} is now ${outcome.value.role}.` };
}

async function unsuspend(argv: readonly string[]): Promise<{ code: number; message: string }> {
  const [username, ...reasonWords] = argv;
  if (!username) return { code: 1, message: USAGE };
  const reason = reasonWords.join(' ').trim() || 'unsuspended from the command line';
  const outcome = await unsuspendUser(CLI, username, reason);
  if (!outcome.ok) return { code: 1, message: outcome.formError ?? 'That did not work.' };
  return { code: 0, message: `${outcome.value.username} may sign in again.` };
}

if (require.main === module) {
  runAdminCommand(process.argv.slice(2))
    .then(async ({ code, message }) => {
      (code === 0 ? console.log : console.error)(message);
      await disconnectDb();
      process.exit(code);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
