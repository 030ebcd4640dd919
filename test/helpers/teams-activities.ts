// Bot Framework activities as Teams sends them to /api/messages: a channel post with an @mention, a
// reply in a channel thread, a personal chat message, a card submission, installs and joins.

export const TENANT = 'tenant-1';
export const BOT = { id: '28:mentor-circle-bot', name: 'Mentor Circle' };
export const CHANNEL = '19:grade3@thread.tacv2';
export const TEAM = '19:team-general@thread.tacv2';

export interface TeamsUser {
  id: string;
  name: string;
  timeZone?: string;
}

export const ANA: TeamsUser = { id: '29:ana', name: 'Ana Ruiz', timeZone: 'America/Chicago' };
export const BEN: TeamsUser = { id: '29:ben', name: 'Ben Okafor', timeZone: 'America/Chicago' };

let counter = 0;
const nextId = () => String(1_600_000_000_000 + ++counter);

export function activities(serviceUrl: string, tenant = TENANT) {
  const common = (user: TeamsUser) => ({
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: user.id, name: user.name, aadObjectId: `aad-${user.id.slice(3)}` },
    recipient: BOT,
    locale: 'en-US',
    ...(user.timeZone ? { localTimezone: user.timeZone } : {}),
    entities: [
      {
        type: 'clientInfo',
        locale: 'en-US',
        country: 'US',
        platform: 'Web',
        ...(user.timeZone ? { timezone: user.timeZone } : {}),
      },
    ],
  });
  const channelData = (channel: string) => ({
    teamsChannelId: channel,
    teamsTeamId: TEAM,
    channel: { id: channel, name: 'Grade 3' },
    team: { id: TEAM, name: 'Lincoln Elementary' },
    tenant: { id: tenant },
  });
  const botMention = { type: 'mention', mentioned: BOT, text: `<at>${BOT.name}</at>` };

  return {
    /** A new post in the channel, addressed to the bot with an @mention (or not). */
    channelPost(user: TeamsUser, text: string, options: { mention?: boolean; channel?: string } = {}) {
      const id = nextId();
      const channel = options.channel ?? CHANNEL;
      const mention = options.mention !== false;
      return {
        ...common(user),
        type: 'message',
        id,
        text: mention ? `<at>${BOT.name}</at> ${text}` : text,
        textFormat: 'plain',
        entities: [...common(user).entities, ...(mention ? [botMention] : [])],
        conversation: {
          isGroup: true,
          conversationType: 'channel',
          tenantId: tenant,
          id: `${channel};messageid=${id}`,
        },
        channelData: channelData(channel),
      };
    },
    /** A reply in the thread rooted at `root`. */
    threadReply(user: TeamsUser, root: string, text: string, options: { mention?: boolean; id?: string } = {}) {
      const id = options.id ?? nextId();
      return {
        ...common(user),
        type: 'message',
        id,
        replyToId: root,
        text: options.mention ? `<at>${BOT.name}</at> ${text}` : text,
        textFormat: 'plain',
        entities: [...common(user).entities, ...(options.mention ? [botMention] : [])],
        conversation: {
          isGroup: true,
          conversationType: 'channel',
          tenantId: tenant,
          id: `${CHANNEL};messageid=${root}`,
        },
        channelData: channelData(CHANNEL),
      };
    },
    personal(user: TeamsUser, text: string) {
      return {
        ...common(user),
        type: 'message',
        id: nextId(),
        text,
        textFormat: 'plain',
        conversation: { conversationType: 'personal', tenantId: tenant, id: `a:personal-${user.id.slice(3)}` },
        channelData: { tenant: { id: tenant } },
      };
    },
    /** A personal-chat command naming someone, with the mention entity Teams sends, then more words. */
    naming(from: TeamsUser, words: string, named: TeamsUser, after: string) {
      const activity = this.personal(from, `${words} <at>${named.name}</at> ${after}`);
      return {
        ...activity,
        entities: [
          ...activity.entities,
          { type: 'mention', mentioned: { id: named.id, name: named.name }, text: `<at>${named.name}</at>` },
        ],
      };
    },
    /** Action.Submit on a card: the button's data merged with the card's inputs. */
    submit(user: TeamsUser, value: Record<string, unknown>, where: { root: string } | 'personal') {
      const base = where === 'personal' ? this.personal(user, '') : this.threadReply(user, where.root, '');
      const { text: _text, ...rest } = base;
      return { ...rest, value };
    },
    /** The app added to a person's personal scope. */
    installPersonal(user: TeamsUser) {
      return {
        ...common(user),
        type: 'installationUpdate',
        id: nextId(),
        action: 'add',
        conversation: { conversationType: 'personal', tenantId: tenant, id: `a:personal-${user.id.slice(3)}` },
        channelData: { tenant: { id: tenant }, source: { name: 'message' } },
      };
    },
    /** The app added to a team by `user`: Teams tells the bot it joined the team's General channel. */
    addedToTeam(user: TeamsUser) {
      return {
        ...common(user),
        type: 'conversationUpdate',
        id: nextId(),
        membersAdded: [{ id: BOT.id }],
        conversation: { isGroup: true, conversationType: 'channel', tenantId: tenant, id: TEAM },
        channelData: { ...channelData(TEAM), eventType: 'teamMemberAdded', channel: { id: TEAM } },
      };
    },
    /** The app added to (`add`) or removed from (`remove`) a team, as an installation update in its General channel. */
    teamInstall(user: TeamsUser, action: 'add' | 'remove') {
      return {
        ...common(user),
        type: 'installationUpdate',
        id: nextId(),
        action,
        conversation: { isGroup: true, conversationType: 'channel', tenantId: tenant, id: TEAM },
        channelData: { ...channelData(TEAM), channel: { id: TEAM } },
      };
    },
    membersJoined(by: TeamsUser, members: { id: string; name?: string }[]) {
      return {
        ...common(by),
        type: 'conversationUpdate',
        id: nextId(),
        membersAdded: members,
        conversation: { isGroup: true, conversationType: 'channel', tenantId: tenant, id: TEAM },
        channelData: { ...channelData(TEAM), eventType: 'teamMemberAdded', channel: { id: TEAM } },
      };
    },
    channelCreated(by: TeamsUser, channel: string) {
      return {
        ...common(by),
        type: 'conversationUpdate',
        id: nextId(),
        conversation: { isGroup: true, conversationType: 'channel', tenantId: tenant, id: TEAM },
        channelData: { ...channelData(channel), eventType: 'channelCreated' },
      };
    },
  };
}
