import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

// The manifest is what a Slack admin pastes; the code is what runs. This test reads both and checks
// they agree: every event the code listens to is subscribed, every Web API method it calls has its
// scope, and no scope is asked for that nothing uses.

const root = resolve(import.meta.dirname, '../..');
const slackDir = join(root, 'adapters/slack');
const code = readdirSync(slackDir)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => readFileSync(join(slackDir, file), 'utf8'))
  .join('\n');

const manifest = z
  .object({
    display_information: z.object({ name: z.string().min(1), description: z.string().min(1) }),
    features: z.object({
      bot_user: z.object({ display_name: z.string().min(1) }),
      slash_commands: z.array(z.object({ command: z.string(), url: z.string().url(), usage_hint: z.string().min(1) })),
      app_home: z.object({ home_tab_enabled: z.boolean(), messages_tab_enabled: z.boolean() }),
    }),
    oauth_config: z.object({
      redirect_urls: z.array(z.string().url()),
      scopes: z.object({ bot: z.array(z.string()) }),
    }),
    settings: z.object({
      event_subscriptions: z.object({ request_url: z.string().url(), bot_events: z.array(z.string()) }),
      interactivity: z.object({ is_enabled: z.literal(true), request_url: z.string().url() }),
    }),
  })
  .parse(JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')));

/** Slack's documented scope for each Web API method the adapter may call ([] = none needed). */
const METHOD_SCOPES: Record<string, string[]> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'conversations.join': ['channels:join'],
  // Who is in a channel: public ones with channels:read, private ones with groups:read.
  'conversations.members': ['channels:read', 'groups:read'],
  // A DM with one person (an export file) needs im:write; a group DM (an introduction), mpim:write.
  'conversations.open': ['im:write', 'mpim:write'],
  'files.uploadV2': ['files:write'],
  'users.info': ['users:read'],
  'views.open': [],
  'views.publish': [],
};

/** The subscriptions and scopes each event listener needs. */
const EVENT_NEEDS: Record<string, { events: string[]; scopes: string[] }> = {
  // Thread replies in public and private channels, and commands typed to the bot in its DM.
  message: {
    events: ['message.channels', 'message.groups', 'message.im'],
    scopes: ['channels:history', 'groups:history', 'im:history'],
  },
  // Who joins and leaves a channel, in public and private channels.
  member_joined_channel: { events: ['member_joined_channel'], scopes: ['channels:read', 'groups:read'] },
  member_left_channel: { events: ['member_left_channel'], scopes: ['channels:read', 'groups:read'] },
  app_home_opened: { events: ['app_home_opened'], scopes: [] },
  app_uninstalled: { events: ['app_uninstalled'], scopes: [] },
  tokens_revoked: { events: ['tokens_revoked'], scopes: [] },
  // Slack lists users:read as the scope of both; the user object they carry is the one users.info gives.
  user_change: { events: ['user_change'], scopes: ['users:read'] },
  user_status_changed: { events: ['user_status_changed'], scopes: ['users:read'] },
};

const calledMethods = [...new Set([...code.matchAll(/\bclient\.(\w+)\.(\w+)\(/g)].map((m) => `${m[1]}.${m[2]}`))];
const handledEvents = [...new Set([...code.matchAll(/\bapp\.event\('([\w.]+)'/g)].map((m) => m[1] ?? ''))];
const commands = [...code.matchAll(/\bapp\.command\('([^']+)'/g)].map((m) => m[1]);

describe('manifest.json', () => {
  it('finds the calls and listeners it checks', () => {
    expect(calledMethods).toContain('chat.postMessage');
    expect(handledEvents).toContain('message');
    expect(commands).toEqual(['/circle']);
  });

  it('knows the scope of every Web API method the code calls', () => {
    for (const method of calledMethods) expect(METHOD_SCOPES, method).toHaveProperty([method]);
  });

  it('subscribes to every event the code handles', () => {
    for (const event of handledEvents) {
      expect(EVENT_NEEDS, event).toHaveProperty([event]);
      for (const subscription of EVENT_NEEDS[event]?.events ?? []) {
        expect(manifest.settings.event_subscriptions.bot_events).toContain(subscription);
      }
    }
  });

  it('subscribes to nothing the code ignores', () => {
    const needed = new Set(handledEvents.flatMap((event) => EVENT_NEEDS[event]?.events ?? []));
    expect(manifest.settings.event_subscriptions.bot_events.filter((event) => !needed.has(event))).toEqual([]);
  });

  it('asks for exactly the scopes the code uses', () => {
    const needed = new Set([
      ...calledMethods.flatMap((method) => METHOD_SCOPES[method] ?? []),
      ...handledEvents.flatMap((event) => EVENT_NEEDS[event]?.scopes ?? []),
      ...(commands.length ? ['commands'] : []),
    ]);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });

  it('asks at OAuth install for the same scopes as the manifest', async () => {
    const { BOT_SCOPES } = await import('../../adapters/slack/scopes.js');
    expect([...BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
  });

  it('declares the slash command the code handles, and the Home tab only if the code publishes it', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(commands);
    expect(manifest.features.app_home.home_tab_enabled).toBe(calledMethods.includes('views.publish'));
  });

  it('sends every request to the one endpoint, on a placeholder host the README says to replace', () => {
    const urls = [
      ...manifest.features.slash_commands.map((c) => c.url),
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ];
    for (const url of urls) expect(url).toBe('https://mentor-circle.example.com/slack/events');
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain('mentor-circle.example.com');
  });
});
