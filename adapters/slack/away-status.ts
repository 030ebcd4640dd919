import type { AwayStatus } from '../../src/core/away.js';
import type { SlackUser } from './payloads.js';

/** Status emoji that mean the person is on holiday or ill: no nudges then. */
const AWAY_EMOJI = new Set([
  ':palm_tree:',
  ':desert_island:',
  ':beach_with_umbrella:',
  ':face_with_thermometer:',
  ':thermometer:',
  ':mask:',
  ':sneezing_face:',
  ':nauseated_face:',
]);

/** What a Slack profile's status says: away until its expiry (none, or 0: until cleared), or not away. */
export function awayFromProfile(profile: SlackUser['profile']): AwayStatus {
  if (!profile.status_emoji || !AWAY_EMOJI.has(profile.status_emoji)) return { away: false };
  return { away: true, until: profile.status_expiration ? new Date(profile.status_expiration * 1000) : null };
}

/** The name people know them by: the display name they chose, else their full name, else their handle. */
export function nameOf(
  user: Pick<SlackUser, 'name' | 'real_name'> & { profile?: Pick<SlackUser['profile'], 'display_name' | 'real_name'> },
): string | undefined {
  return user.profile?.display_name || user.profile?.real_name || user.real_name || user.name || undefined;
}
