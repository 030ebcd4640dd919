import { TestAdapter, type Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { createTeamsAdapter } from '../../adapters/teams/teams-app.js';
import type { ReferenceKey, StoredReference, TeamsDirectory } from '../../adapters/teams/references.js';
import type { Incoming } from '../../src/core/context.js';
import { handle, type Interaction, type InteractionHandler } from '../../src/core/handle.js';
import { createLogger } from '../../src/log.js';
import { silentLog } from '../helpers/driver.js';
import { testDatabaseKinds, useTestStore } from '../helpers/databases.js';
import { activities, ANA, BEN, CHANNEL, TEAM } from '../helpers/teams-activities.js';

// One database of each kind for the file, emptied before each test.
describe.each(testDatabaseKinds)('on %s', (kind) => {
  const newStore = useTestStore(kind);
  // Command routing through botbuilder's TestAdapter, without HTTP: which of the core's interactions
  // each Teams activity becomes, and what comes back in the same conversation.

  function memoryDirectory(): TeamsDirectory & { saved: Map<string, StoredReference> } {
    const saved = new Map<string, StoredReference>();
    const id = (key: ReferenceKey) => `${key.tenant}/${key.kind}/${key.key}`;
    return {
      saved,
      saveReference: async (key, reference) => void saved.set(id(key), reference),
      findReference: async (key) => saved.get(id(key)) ?? null,
      removeReference: async (key) => void saved.delete(id(key)),
      installed: async () => {},
      memberSeen: async () => {},
      rosterChanged: async () => {},
      // No Bot Connector behind TestAdapter: no one can be reached in a personal chat they have not
      // opened, as if they had blocked the bot, so private answers come back where they were asked.
      serviceReference: async () => null,
      keepPersonal: async (_tenant, _user, reference) => reference,
      refusedPersonalChat: async () => true,
      personalChatRefused: async () => {},
      wroteToBot: async () => {},
    };
  }

  function routedBot(handler: InteractionHandler) {
    const directory = memoryDirectory();
    const teams = createTeamsAdapter({
      auth: { mode: 'anonymous' },
      directory,
      handle: handler,
      log: createLogger('silent'),
    });
    return { adapter: new TestAdapter(teams.logic), directory };
  }

  /** Records what the core was asked, and answers privately with the interaction's kind. */
  function recording() {
    const seen: { incoming: Incoming; interaction: Interaction }[] = [];
    const handler: InteractionHandler = async (chat, incoming, interaction) => {
      seen.push({ incoming, interaction });
      await chat.ephemeral(
        { workspace: incoming.workspace.externalId, channel: incoming.channel.id },
        incoming.user.externalId,
        { text: `got ${interaction.kind}` },
      );
    };
    return { seen, handler };
  }

  const say = activities('https://smba.example.test/amer/');
  const asActivity = (value: object) => value as Partial<Activity>;

  describe('Teams command routing', () => {
    it('takes a personal chat message as the command, answered in that chat', async () => {
      const { seen, handler } = recording();
      const { adapter } = routedBot(handler);
      const message = say.personal(ANA, 'help');
      await adapter.send(asActivity(message)).assertReply('got command');
      expect(seen.map((s) => [s.interaction, s.incoming.channel, s.incoming.user])).toEqual([
        [
          { kind: 'command', text: 'help' },
          { id: message.conversation.id, isDirect: true },
          { externalId: ANA.id, name: ANA.name, timeZone: 'America/Chicago' },
        ],
      ]);
    });

    it('removes the @mention from a channel post, and takes the rest as the command in that channel', async () => {
      const { seen, handler } = recording();
      const { adapter } = routedBot(handler);
      await adapter
        .send(asActivity(say.channelPost(ANA, 'start  Fractions &amp; decimals')))
        .assertReply((reply) => expect(reply.text).toMatch(/^Ana Ruiz, I have an answer/));
      expect(seen.map((s) => [s.interaction, s.incoming.channel])).toEqual([
        [
          { kind: 'command', text: 'start Fractions & decimals' },
          { id: CHANNEL, name: 'Grade 3', isDirect: false },
        ],
      ]);
    });

    it("names the team's General channel, which Teams sends without a name, after the team", async () => {
      const { seen, handler } = recording();
      const { adapter } = routedBot(handler);
      const post = say.channelPost(ANA, 'setup', { channel: TEAM });
      await adapter
        .send(asActivity({ ...post, channelData: { ...post.channelData, channel: { id: TEAM } } }))
        .assertReply((reply) => expect(reply.text).toMatch(/^Ana Ruiz/));
      expect(seen[0]?.incoming.channel).toEqual({ id: TEAM, name: 'Lincoln Elementary', isDirect: false });
    });

    it("writes other people's mentions the way the parser reads them", async () => {
      const { seen, handler } = recording();
      const { adapter } = routedBot(handler);
      const post = say.personal(ANA, `admin add <at>${BEN.name}</at>`);
      await adapter
        .send(
          asActivity({
            ...post,
            entities: [{ type: 'mention', mentioned: { id: BEN.id, name: BEN.name }, text: `<at>${BEN.name}</at>` }],
          }),
        )
        .assertReply('got command');
      expect(seen[0]?.interaction).toEqual({ kind: 'command', text: `admin add <@${BEN.id}>` });
    });

    it('takes a reply in a channel thread as a message in that thread, noting whether it addressed the bot', async () => {
      const { seen, handler } = recording();
      const { adapter } = routedBot(handler);
      const reply = say.threadReply(BEN, '1700000000123', 'Partner reading works');
      await adapter.send(asActivity(reply)).assertReply((a) => expect(a.text).toMatch(/^Ben Okafor/));
      await adapter
        .send(asActivity(say.threadReply(ANA, '1700000000123', 'next', { mention: true })))
        .assertReply((a) => expect(a.text).toMatch(/^Ana Ruiz/));
      expect(seen.map((s) => s.interaction)).toEqual([
        {
          kind: 'message',
          threadId: '1700000000123',
          messageId: reply.id,
          text: 'Partner reading works',
          addressed: false,
        },
        { kind: 'message', threadId: '1700000000123', messageId: expect.any(String), text: 'next', addressed: true },
      ]);
    });

    it("leaves channel chatter that does not address the bot alone, but keeps the channel's address", async () => {
      const { seen, handler } = recording();
      const { adapter, directory } = routedBot(handler);
      await adapter
        .send(asActivity(say.channelPost(BEN, 'lunch anyone?', { mention: false })))
        .assertNoReply('chatter gets no answer', 300);
      expect(seen).toEqual([]);
      const stored = directory.saved.get(`tenant-1/channel/${CHANNEL}`);
      expect(stored?.conversation?.id).toBe(CHANNEL);
      expect(stored?.user).toBeUndefined();
    });

    it('routes card buttons as actions and card forms as form submissions', async () => {
      const { seen, handler } = recording();
      const { adapter } = routedBot(handler);
      const action = { kind: 'session.next', sessionId: 4, phase: 'opening' };
      await adapter
        .send(asActivity(say.submit(ANA, { mcAction: action }, { root: '1700000000123' })))
        .assertReply((a) => expect(a.text).toMatch(/^Ana Ruiz/));
      await adapter
        .send(
          asActivity(
            say.submit(
              ANA,
              {
                mcForm: { kind: 'checkin', context: { sessionId: 4, phase: 'opening' }, channel: CHANNEL },
                text: 'Hi',
                share: 'false',
              },
              'personal',
            ),
          ),
        )
        .assertReply('got form');
      await adapter.send(asActivity(say.submit(ANA, { made: 'up' }, 'personal'))).assertReply('got action');
      expect(seen.map((s) => [s.interaction, s.incoming.channel.id])).toEqual([
        [{ kind: 'action', action }, CHANNEL],
        // The channel a form names is not taken on its word: it was answered in the personal chat.
        [
          {
            kind: 'form',
            submission: {
              kind: 'checkin',
              context: { sessionId: 4, phase: 'opening' },
              values: { text: 'Hi', share: 'false' },
            },
          },
          'a:personal-ana',
        ],
        [{ kind: 'action', action: undefined }, 'a:personal-ana'],
      ]);
    });

    it('gives a development client without a tenant (the Emulator) a workspace of its own', async () => {
      const { seen, handler } = recording();
      const { adapter } = routedBot(handler);
      const { channelData: _teamsOnly, ...message } = say.personal(ANA, 'help');
      await adapter
        .send(asActivity({ ...message, channelId: 'emulator', conversation: { id: 'emulator-conversation' } }))
        .assertReply('got command');
      expect(seen.map((s) => s.incoming.workspace)).toEqual([{ externalId: 'emulator' }]);
    });

    it('runs the real core: help, help for one command, a typo and an unknown word, answered in the personal chat', async () => {
      const store = newStore();
      const { adapter } = routedBot((chat, incoming, interaction) =>
        handle({ store, chat, now: new Date('2026-03-03T15:00:00Z'), log: silentLog }, incoming, interaction),
      );
      await adapter
        .send(asActivity(say.personal(ANA, 'help')))
        .assertReply((reply) => expect(reply.text).toMatch(/^Mentor Circle runs your community sessions/))
        .send(asActivity(say.personal(ANA, 'help goal')))
        .assertReply((reply) => expect(reply.text).toMatch(/^`goal`: set a SMART goal/))
        .send(asActivity(say.personal(ANA, 'gaols')))
        .assertReply("I don't know 'gaols'. Did you mean `goals`?")
        .send(asActivity(say.personal(ANA, 'fly')))
        .assertReply("I don't know 'fly'. Try `help`.")
        .send(asActivity(say.personal(ANA, 'setup')))
        .assertReply('Run `setup` in the channel you want to turn into a community.');
    });
  });
});
