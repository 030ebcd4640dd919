import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsole } from '../../adapters/console/run-console.js';
import { handle, type InteractionHandler } from '../../src/core/handle.js';
import type { OpenDatabase } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { emptyTables, openTestDatabase } from '../helpers/databases.js';
import { silentLog } from '../helpers/driver.js';
import { FakeTeams } from '../helpers/fake-teams.js';
import { eventually, startSlackBot } from '../helpers/slack-bot.js';
import { commandBody, eventBody, postToSlackEndpoint } from '../helpers/slack-requests.js';
import { activities, CHANNEL, type TeamsUser } from '../helpers/teams-activities.js';
import { startTeamsBot } from '../helpers/teams-bot.js';

// One scenario, three adapters, the same expectations: a facilitator and a teacher run a whole
// session in the console, in Slack and in Microsoft Teams, each through its real entry point.

type Person = 'Ana' | 'Ben';

/** What the scenario does and sees, in each platform's own terms. */
interface Platform {
  /** A command in the community's channel. */
  say(who: Person, text: string): Promise<void>;
  /** A reply in the open session's thread. */
  reply(who: Person, text: string): Promise<void>;
  /** Everything posted in the channel and its threads, in order. */
  public(): string[];
  /** What only this person was told. */
  privately(who: Person): string[];
  close(): Promise<void>;
}

async function consolePlatform(database: OpenDatabase): Promise<Platform> {
  const input = new PassThrough();
  const output = new PassThrough();
  const store = createStore(database.db);
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  let finishedOne: (() => void) | undefined;
  const core: InteractionHandler = async (chat, incoming, interaction, handling) => {
    await handle({ store, chat, now: new Date(), log: silentLog }, incoming, interaction, handling);
    finishedOne?.();
  };
  const done = runConsole({
    input,
    output,
    interactive: false,
    timeZone: 'America/Chicago',
    handle: core,
    exportDir: join(tmpdir(), 'mc-scenario-exports'),
  });
  const told = new Map<Person, string[]>([
    ['Ana', []],
    ['Ben', []],
  ]);
  const shown: string[] = [];
  async function line(who: Person, text: string) {
    const before = printed.length;
    const handled = new Promise<void>((resolve) => (finishedOne = resolve));
    input.write(`/as ${who}\n${text}\n`);
    await handled;
    // Each message is a labelled line with its continuation lines indented under it.
    const messages = printed
      .slice(before)
      .split(/\n(?! {2})/)
      .filter(Boolean);
    for (const message of messages) {
      const body = message.replace(/^(\(only you\)|\[[^\]]*\]) ?/, '').replace(/\n {2}/g, '\n');
      if (message.startsWith('(only you)')) told.get(who)?.push(body);
      else if (message.startsWith('[#') && !message.includes(' updated]')) shown.push(body);
    }
  }
  return {
    say: (who, text) => line(who, text),
    reply: (who, text) => line(who, `> ${text}`),
    public: () => shown,
    privately: (who) => told.get(who) ?? [],
    close: async () => {
      input.end();
      await done;
    },
  };
}

async function slackPlatform(database: OpenDatabase): Promise<Platform> {
  const bot = await startSlackBot(database);
  const ids: Record<Person, string> = { Ana: 'UANA', Ben: 'UBEN' };
  bot.fake.users.set('UANA', { id: 'UANA', name: 'Ana', tz: 'America/Chicago' });
  bot.fake.users.set('UBEN', { id: 'UBEN', name: 'Ben', tz: 'America/Chicago' });
  let n = 0;
  const handled = (eventId: string) =>
    eventually(async () => {
      const { rows } = await sql<{
        handled: boolean;
      }>`select handled_at is not null as handled from event_receipts where event_id = ${eventId}`.execute(database.db);
      expect(rows).toEqual([{ handled: true }]);
    });
  // Private answers in the order they were given: each step's new ones, after the step.
  const told: { user: string; text: string }[] = [];
  let seenResponses = 0;
  let seenCalls = 0;
  const collect = () => {
    for (const r of bot.fake.responses.slice(seenResponses))
      told.push({ user: r.path.replace(/^\/respond\/(\w+)-.*$/, '$1'), text: String(r.body.text) });
    for (const c of bot.fake.calls.slice(seenCalls))
      if (c.method === 'chat.postEphemeral' && c.response.ok)
        told.push({ user: String(c.args.user), text: String(c.args.text) });
    seenResponses = bot.fake.responses.length;
    seenCalls = bot.fake.calls.length;
  };
  const root = () => {
    const call = bot.fake.calls.findLast(
      (c) =>
        c.method === 'chat.postMessage' &&
        (c.args.blocks as { type: string }[] | undefined)?.some((b) => b.type === 'actions'),
    );
    return String(call?.response.ts);
  };
  return {
    async say(who, text) {
      const trigger = `trigger-${++n}`;
      const response = await postToSlackEndpoint(
        bot.baseUrl,
        commandBody({
          text,
          user: ids[who],
          channel: 'C1',
          channelName: 'grade-3',
          triggerId: trigger,
          responseUrl: bot.fake.responseUrl(`${ids[who]}-${n}`),
        }),
      );
      expect(response.status).toBe(200);
      await handled(`command:${trigger}`);
      collect();
    },
    async reply(who, text) {
      const eventId = `Ev${++n}`;
      const ts = `${1_800_000_000 + n}.000200`;
      await postToSlackEndpoint(
        bot.baseUrl,
        eventBody(
          { type: 'message', channel: 'C1', channel_type: 'channel', user: ids[who], text, ts, thread_ts: root() },
          { eventId },
        ),
      );
      await handled(eventId);
      collect();
    },
    // The whole message: its sections live in the blocks, the text is only the first line.
    public: () =>
      bot.fake
        .callsTo('chat.postMessage')
        .map((c) =>
          ((c.blocks as { type: string; text?: { text: string } }[]) ?? [])
            .flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []))
            .join('\n'),
        ),
    privately: (who) => told.filter((t) => t.user === ids[who]).map((t) => t.text),
    close: () => bot.close(),
  };
}

async function teamsPlatform(database: OpenDatabase): Promise<Platform> {
  const bot = await startTeamsBot(database);
  const say = activities(bot.fake.serviceUrl);
  const people: Record<Person, TeamsUser> = {
    Ana: { id: '29:ana', name: 'Ana', timeZone: 'America/Chicago' },
    Ben: { id: '29:ben', name: 'Ben', timeZone: 'America/Chicago' },
  };
  const send = async (activity: unknown) => expect((await bot.send(activity)).status).toBe(200);
  await send(say.installPersonal(people.Ana));
  await send(say.installPersonal(people.Ben));
  const root = () =>
    bot.fake.sent.findLast((s) => s.conversation === CHANNEL && FakeTeams.buttons(s).length > 0)?.id ?? '';
  return {
    say: (who, text) => send(say.channelPost(people[who], text)),
    reply: (who, text) => send(say.threadReply(people[who], root(), text)),
    public: () =>
      bot.fake
        .messages()
        .filter((s) => s.conversation.startsWith(CHANNEL))
        .map(FakeTeams.textOf),
    privately: (who) =>
      bot.fake
        .messages()
        .filter((s) => s.conversation === `a:personal-${who.toLowerCase()}`)
        .map(FakeTeams.textOf),
    close: () => bot.close(),
  };
}

const platforms: [string, (database: OpenDatabase) => Promise<Platform>][] = [
  ['console', consolePlatform],
  ['Slack', slackPlatform],
  ['Teams', teamsPlatform],
];

describe.each(platforms)('the shared scenario in %s', (_name, open) => {
  let database: OpenDatabase;
  let platform: Platform;
  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database.db)
      .then((r) => r.rows);

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    await emptyTables(database);
    platform = await open(database);
  });
  afterAll(async () => {
    await platform?.close();
    await database?.close();
  });

  it('runs a session from setup to summary, with the same answers everywhere', async () => {
    await platform.say('Ana', 'setup Grade 3');
    expect(platform.public().at(-1)).toMatch(/^Grade 3 is now a Mentor Circle community, facilitated by Ana\./);

    await platform.say('Ana', 'start Fractions');
    expect(platform.public().at(-1)).toMatch(/^Opening check-in: what's working\?/);
    await platform.reply('Ben', 'Number lines help');
    await platform.reply('Ana', 'Pair talk works');
    expect(platform.privately('Ben').at(-1)).toMatch(/^Thanks, Ben/);

    await platform.say('Ben', 'next');
    expect(platform.privately('Ben').at(-1)).toMatch(/^Only facilitators of Grade 3 can/);
    await platform.say('Ana', 'next');
    expect(platform.public().at(-1)).toMatch(/^Reflection: /);
    await platform.reply('Ben', 'I will try fraction strips');
    await platform.reply('Ana', 'Asking why before how');

    await platform.say('Ana', 'next');
    expect(platform.public().at(-1)).toMatch(/^Closing check-in/);
    await platform.reply('Ben', 'Students explain their thinking');
    await platform.reply('Ana', 'Routines that run themselves');
    await platform.say('Ana', 'close');
    const summary = platform.public().at(-1) ?? '';
    expect(summary).toMatch(/^Session summary: Fractions \(Grade 3\)/);
    expect(summary).toContain('2 participants · 2 opening check-ins · 2 reflections · 2 closing check-ins');
    expect(summary).toContain('Ben: Students explain their thinking');

    await platform.say('Ben', 'fly');
    expect(platform.privately('Ben').at(-1)).toBe("I don't know 'fly'. Try `help`.");

    expect(await rows(`select phase from sessions`)).toEqual([{ phase: 'closed' }]);
    expect(
      await rows(
        `select m.display_name as name, c.phase, c.text from checkins c join members m on m.id = c.member_id order by c.phase desc, m.display_name`,
      ),
    ).toEqual([
      { name: 'Ana', phase: 'opening', text: 'Pair talk works' },
      { name: 'Ben', phase: 'opening', text: 'Number lines help' },
      { name: 'Ana', phase: 'closing', text: 'Routines that run themselves' },
      { name: 'Ben', phase: 'closing', text: 'Students explain their thinking' },
    ]);
    expect(await rows(`select count(*)::int as n from reflections`)).toEqual([{ n: 2 }]);
  });
});
