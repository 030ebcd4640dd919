import { PassThrough } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runConsole } from '../../adapters/console/run-console.js';
import { handle, type InteractionHandler } from '../../src/core/handle.js';
import { createStore } from '../../src/db/store.js';
import { useTestDatabase } from '../helpers/databases.js';
import { silentLog } from '../helpers/driver.js';
import { FakeTeams } from '../helpers/fake-teams.js';
import { whereItAppears } from '../helpers/find-text.js';
import { eventually, startSlackBot } from '../helpers/slack-bot.js';
import { buttonPress, commandBody, eventBody, postToSlackEndpoint } from '../helpers/slack-requests.js';
import { activities, ANA, type TeamsUser } from '../helpers/teams-activities.js';
import { startTeamsBot } from '../helpers/teams-bot.js';

// forget-me through each adapter's own entry point: a teacher takes part with words no one else
// uses, confirms with the button, and afterwards neither their words nor their platform id is
// found in any text or JSON column of any table. Someone else's answers stay.

const ZEBRA = 'zebra-stripes';

describe('forget-me through every adapter', () => {
  const db = useTestDatabase('pglite');

  async function expectForgotten(userId: string) {
    expect(await whereItAppears(db(), ZEBRA)).toEqual({});
    expect(await whereItAppears(db(), userId)).toEqual({});
    // The other person's answer is still there.
    expect(Object.keys(await whereItAppears(db(), 'partner-reading'))).toContain('checkins.text');
  }

  it('in the console', async () => {
    const store = createStore(db().db);
    const core: InteractionHandler = (chat, incoming, interaction, handling) =>
      handle({ store, chat, now: new Date(), log: silentLog }, incoming, interaction, handling);
    let printed = '';
    const session = async (lines: string[]) => {
      const input = new PassThrough();
      const output = new PassThrough();
      output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
      const done = runConsole({
        input,
        output,
        interactive: false,
        timeZone: 'America/Chicago',
        handle: core,
        exportDir: join(tmpdir(), 'mc-forget-exports'),
      });
      input.end(`${lines.join('\n')}\n`);
      await done;
    };
    await session([
      'setup Grade 3',
      'start',
      'checkin partner-reading works',
      '/as zebedee',
      `checkin ${ZEBRA} opening`,
      '/as you',
      'next',
      '/as zebedee',
      `> ${ZEBRA} reflection`,
    ]);
    expect(Object.keys(await whereItAppears(db(), ZEBRA)).sort()).toEqual([
      'checkins.text',
      'outbox.payload',
      'reflections.text',
    ]);
    await session(['/as zebedee', 'forget-me', '/press 1']);
    expect(printed).toContain('Done: everything Mentor Circle kept of yours is deleted.');
    await expectForgotten('zebedee');
  });

  it('in Slack', async () => {
    const bot = await startSlackBot(db());
    try {
      let n = 0;
      /** A command, once it has been handled; with the private answer it got, if any. */
      const circle = async (user: string, text: string) => {
        const id = `${user}-${++n}`;
        expect(
          (
            await postToSlackEndpoint(
              bot.baseUrl,
              commandBody({ text, user, channel: 'C1', triggerId: id, responseUrl: bot.fake.responseUrl(id) }),
            )
          ).status,
        ).toBe(200);
        await eventually(async () => {
          const { rows } = await sql<{
            handled: boolean;
          }>`select handled_at is not null as handled from event_receipts where event_id = ${`command:${id}`}`.execute(
            db().db,
          );
          expect(rows).toEqual([{ handled: true }]);
        });
        return bot.fake.responses.find((r) => r.path.endsWith(`/${id}`));
      };
      await circle('UANA', 'setup Grade 3');
      await circle('UANA', 'start');
      await circle('UANA', 'checkin partner-reading works');
      await circle('UZEB', `checkin ${ZEBRA} opening`);
      const root = await eventually(() => {
        const opening = bot.fake.callsTo('chat.postMessage').find((c) => c.thread_ts);
        expect(opening).toBeDefined();
        return String(opening?.thread_ts);
      });
      await postToSlackEndpoint(
        bot.baseUrl,
        eventBody(
          {
            type: 'message',
            channel: 'C1',
            channel_type: 'channel',
            user: 'UZEB',
            text: `${ZEBRA} in the thread`,
            ts: '1800000000.000200',
            thread_ts: root,
          },
          { eventId: 'EvZebra' },
        ),
      );
      await eventually(async () =>
        expect(Object.keys(await whereItAppears(db(), `${ZEBRA} in the thread`))).toContain('checkins.text'),
      );
      expect(Object.keys(await whereItAppears(db(), 'UZEB')).length).toBeGreaterThan(1);
      const ask = await circle('UZEB', 'forget-me');
      const blocks = ask?.body.blocks as { type: string; elements?: { text: { text: string }; value: string }[] }[];
      const confirm = blocks.find((b) => b.type === 'actions')?.elements?.find((e) => e.text.text === 'Forget me');
      expect(confirm).toBeDefined();
      await postToSlackEndpoint(bot.baseUrl, buttonPress({ user: 'UZEB', value: confirm?.value }));
      await eventually(() =>
        expect(bot.fake.callsTo('chat.postEphemeral').map((c) => String(c.text))).toContain(
          'Done: everything Mentor Circle kept of yours is deleted. If you take part again, you start afresh.',
        ),
      );
      await expectForgotten('UZEB');
    } finally {
      await bot.close();
    }
  });

  it('in Microsoft Teams', async () => {
    const bot = await startTeamsBot(db());
    try {
      const say = activities(bot.fake.serviceUrl);
      const ZED: TeamsUser = { id: '29:zebedee', name: 'Zebedee', timeZone: 'America/Chicago' };
      const send = async (activity: unknown) => expect((await bot.send(activity)).status).toBe(200);
      await send(say.installPersonal(ANA));
      await send(say.installPersonal(ZED));
      await send(say.channelPost(ANA, 'setup Grade 3'));
      await send(say.channelPost(ANA, 'start'));
      await send(say.channelPost(ANA, 'checkin partner-reading works', { mention: true }));
      await send(say.channelPost(ZED, `checkin ${ZEBRA} opening`, { mention: true }));
      const card = bot.fake
        .messages()
        .findLast((m) => FakeTeams.buttons(m).length > 0 && !m.conversation.startsWith('a:'));
      await send(say.threadReply(ZED, card?.id ?? '', `${ZEBRA} in the thread`));
      expect(Object.keys(await whereItAppears(db(), ZEBRA)).sort()).toEqual([
        'checkins.text',
        'event_receipts.payload',
        'outbox.payload',
      ]);
      expect(Object.keys(await whereItAppears(db(), '29:zebedee'))).toContain('conversation_refs.key');
      await send(say.personal(ZED, 'forget-me'));
      const confirm = FakeTeams.buttons(bot.fake.messages().at(-1) ?? ({} as never)).find(
        (b) => b.title === 'Forget me',
      );
      expect(confirm).toBeDefined();
      await send(say.submit(ZED, confirm?.data ?? {}, 'personal'));
      expect(FakeTeams.textOf(bot.fake.messages().at(-1) ?? ({} as never))).toContain(
        'Done: everything Mentor Circle kept of yours is deleted.',
      );
      await expectForgotten('29:zebedee');
    } finally {
      await bot.close();
    }
  });
});
