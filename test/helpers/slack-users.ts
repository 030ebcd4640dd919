import type { FakeUser } from './fake-slack.js';

/** The user object Slack puts in users.info answers and user_change events. */
export function slackUserObject(user: FakeUser, team: string): Record<string, unknown> {
  return {
    id: user.id,
    team_id: user.team_id ?? team,
    deleted: user.deleted ?? false,
    is_bot: user.is_bot ?? false,
    is_restricted: user.is_restricted ?? false,
    name: user.name,
    real_name: user.name,
    tz: user.tz ?? 'America/New_York',
    is_admin: user.is_admin ?? false,
    is_owner: user.is_owner ?? false,
    updated: user.updated ?? 1_700_000_000,
    profile: {
      display_name: user.name,
      real_name: user.name,
      status_emoji: user.status_emoji ?? '',
      status_expiration: user.status_expiration ?? 0,
    },
  };
}
