import { describe, expect, it } from 'vitest';
import { awayFromProfile, nameOf } from '../../adapters/slack/away-status.js';
import { envelope, userChanged } from '../../adapters/slack/payloads.js';

// The user events as Slack documents them (https://docs.slack.dev/reference/events/user_change and
// user_status_changed): the older full user object, and the newer shorter one, without `tz` or a
// top-level real name. Both must parse at the edge into what the bot keeps.

const fullUser = {
  id: 'U1234567',
  team_id: 'T1234567',
  name: 'some-user',
  deleted: false,
  color: '4bbe2e',
  real_name: 'Some User',
  tz: 'America/Los_Angeles',
  tz_label: 'Pacific Daylight Time',
  tz_offset: -25200,
  profile: {
    title: '',
    real_name: 'Some User',
    real_name_normalized: 'Some User',
    display_name: '',
    display_name_normalized: '',
    fields: {},
    status_text: 'On leave',
    status_emoji: ':palm_tree:',
    status_emoji_display_info: [],
    status_expiration: 1_780_000_000,
    avatar_hash: 'g12345678910',
  },
  is_admin: false,
  is_owner: false,
  is_bot: false,
  updated: 1_734_567_890,
};

const shortUser = {
  id: 'U123ABC456',
  team_id: 'T123ABC456',
  name: 'sandraslacksalot',
  profile: {
    avatar_hash: 'gexxxyyyzzz',
    status_text: 'Commuting to office!',
    status_emoji: ':docs-team-in-transit:',
    status_expiration: 0,
    real_name: 'Sandra Slacksalot',
    display_name: 'sandraslacksalot',
  },
  updated: 1_734_567_890,
};

const wrapped = (event: Record<string, unknown>) => ({
  token: 'XXYYZZ',
  team_id: 'T123ABC456',
  api_app_id: 'A123ABC456',
  event: { ...event, cache_ts: 1_734_567_890, event_ts: '1734567890.000001' },
  type: 'event_callback',
  event_id: 'Ev0123ABC456',
  event_time: 1_734_567_890,
});

describe("Slack's user events at the edge", () => {
  it('reads a user_change with the full user object: away until its expiry, the full name, the zone', () => {
    const body = wrapped({ type: 'user_change', user: fullUser });
    expect(envelope.parse(body)).toEqual({ team_id: 'T123ABC456', event_id: 'Ev0123ABC456' });
    const { user } = userChanged.parse(body.event);
    expect(awayFromProfile(user.profile)).toEqual({ away: true, until: new Date(1_780_000_000 * 1000) });
    expect(nameOf(user)).toBe('Some User');
    expect(user.tz).toBe('America/Los_Angeles');
  });

  it('reads a user_status_changed with the shorter user object: a status that is not away, the display name, no zone', () => {
    const { user } = userChanged.parse(wrapped({ type: 'user_status_changed', user: shortUser }).event);
    expect(awayFromProfile(user.profile)).toEqual({ away: false });
    expect(nameOf(user)).toBe('sandraslacksalot');
    expect(user.tz).toBeUndefined();
  });

  it('reads a holiday status without an expiry as away until cleared, and refuses a user without an id', () => {
    const { user } = userChanged.parse({
      type: 'user_change',
      user: { ...shortUser, profile: { status_emoji: ':palm_tree:', status_expiration: 0 } },
    });
    expect(awayFromProfile(user.profile)).toEqual({ away: true, until: null });
    expect(userChanged.safeParse({ type: 'user_change', user: { ...shortUser, id: undefined } }).success).toBe(false);
    expect(userChanged.safeParse({ type: 'user_huddle_changed', user: shortUser }).success).toBe(false);
  });
});
