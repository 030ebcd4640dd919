// Away (on holiday, ill) is what a person's chat status says. The platform tells us when it changes
// (Slack's user_change events), and the database keeps it, so that deciding whether to nudge someone
// costs no call to the platform. Pure: the instant is passed in.

/** What the platform says of a person's status: away until `until` (null: until they clear it), or not away. */
export type AwayStatus = { away: false } | { away: true; until: Date | null };

/** A status kept in the database, with when it was last heard from the platform. */
export interface StoredAway {
  status: AwayStatus;
  at: Date;
}

/**
 * How long a kept status is trusted without asking the platform again. Status changes arrive as
 * events, so a kept status is normally current however old it is; asking again only catches an event
 * that never reached us (all Slack's retries failed) and people known from before events were kept.
 * A day bounds that gap to one day, while a teacher nudged weekly is asked again at most once a week.
 */
const AWAY_TRUSTED_FOR_MS = 24 * 3_600_000;

/** A status whose expiry has passed says nothing any more. */
export const isAwayAt = (status: AwayStatus, now: Date): boolean =>
  status.away && (status.until === null || status.until.getTime() > now.getTime());

export const isTrusted = (stored: StoredAway, now: Date): boolean =>
  now.getTime() - stored.at.getTime() < AWAY_TRUSTED_FOR_MS;
