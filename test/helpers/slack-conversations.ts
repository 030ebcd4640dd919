// The conversation methods of the fake Web API, answered as Slack answers them.

/** The start of the group DM ids the fake hands out; a post to one it never opened finds no channel. */
export const GROUP_DM_PREFIX = 'GMPIM-';

/**
 * conversations.members as Slack pages it: `limit` per page (100 unless asked, at most 1000), an
 * opaque cursor, '' on the last page.
 */
export function membersPage(all: string[], args: Record<string, unknown>): Record<string, unknown> {
  const limit = Math.min(Math.max(Number(args.limit ?? 100) || 100, 1), 1000);
  let start = 0;
  if (args.cursor) {
    if (typeof args.cursor !== 'string') return { ok: false, error: 'invalid_cursor' };
    const decoded = Number(
      Buffer.from(args.cursor, 'base64')
        .toString('utf8')
        .replace(/^offset:/, ''),
    );
    if (!Number.isInteger(decoded) || decoded < 0) return { ok: false, error: 'invalid_cursor' };
    start = decoded;
  }
  const end = start + limit;
  const next = end < all.length ? Buffer.from(`offset:${end}`).toString('base64') : '';
  return { ok: true, members: all.slice(start, end), response_metadata: { next_cursor: next } };
}

/**
 * conversations.open with `users`: one person's DM (`D…`), or for 2 to 8 people the one group DM of
 * them and the bot (`G…`), the same id for the same people in any order, as Slack answers. Refused as
 * Slack refuses: no users (`invalid_arguments`), more than 8 (`too_many_users`), someone Slack has no
 * user for (`user_not_found`). A group DM opened is added to `groupDms`.
 */
export function openConversation(
  args: Record<string, unknown>,
  strangers: Set<string>,
  groupDms: Map<string, string[]>,
): Record<string, unknown> {
  const users = (typeof args.users === 'string' ? args.users : '')
    .split(',')
    .map((user) => user.trim())
    .filter(Boolean);
  if (users.length === 0) return { ok: false, error: 'invalid_arguments' };
  if (users.length > 8) return { ok: false, error: 'too_many_users' };
  if (users.some((user) => strangers.has(user))) return { ok: false, error: 'user_not_found' };
  const people = [...new Set(users)].sort();
  if (people.length === 1) return { ok: true, channel: { id: `D-${people[0]}` } };
  const id = `${GROUP_DM_PREFIX}${people.join('-')}`;
  groupDms.set(id, people);
  return { ok: true, channel: { id } };
}
