import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { createStore } from '../../src/db/store.js';
import { createDriver } from '../helpers/driver.js';
import { emptyTables, openTestDatabase, testDatabaseKinds } from '../helpers/databases.js';

describe.each(testDatabaseKinds)('sessions stored on %s', (kind) => {
  let database: OpenDatabase;
  let bot: ReturnType<typeof createDriver>;
  const ana = () => bot.as('ana');
  const ben = () => bot.as('ben');

  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await emptyTables(database);
    bot = createDriver(createStore(database.db));
    await ana().say('setup Grade 3 Literacy');
  });

  const rows = (query: string) =>
    sql
      .raw<Record<string, unknown>>(query)
      .execute(database.db)
      .then((r) => r.rows);

  it('stores a whole session: check-ins, the prompt post, reflections and the close', async () => {
    await ana().say('start Small-group reading');
    await ana().reply('Partner reading', 'm-1');
    await ben().reply('Exit tickets', 'm-2');
    await ana().say('next');
    await ben().reply('Mixed-level pairs', 'm-3');
    await ben().reply('And more read-alouds', 'm-4');
    await ana().say('next');
    await ben().say('checkin Students lead warm-ups');
    await ana().say('close');

    expect(
      await rows(
        `select phase, topic, closed_at is not null as closed, root_message_id is not null as rooted from sessions`,
      ),
    ).toEqual([{ phase: 'closed', topic: 'Small-group reading', closed: true, rooted: true }]);
    expect(
      await rows(
        `select m.external_id, c.phase, c.text, c.source, c.message_id from checkins c join members m on m.id = c.member_id order by c.id`,
      ),
    ).toEqual([
      { external_id: 'ana', phase: 'opening', text: 'Partner reading', source: 'thread', message_id: 'm-1' },
      { external_id: 'ben', phase: 'opening', text: 'Exit tickets', source: 'thread', message_id: 'm-2' },
      { external_id: 'ben', phase: 'closing', text: 'Students lead warm-ups', source: 'command', message_id: null },
    ]);
    expect(await rows(`select count(*)::int as n from reflections`)).toEqual([{ n: 2 }]);
    expect(
      await rows(
        `select kind, session_id is not null as in_session, message_id is not null as posted from prompt_posts`,
      ),
    ).toEqual([{ kind: 'session', in_session: true, posted: true }]);
    const summary = bot.chat.replies().find((m) => m.text.startsWith('Session summary'));
    expect(summary?.text).toContain('2 participants · 2 opening check-ins · 2 reflections · 1 closing check-in');
  });

  it('keeps every check-in a person gives in a phase; an edit changes only its own, a delete removes only its own', async () => {
    await ana().say('start');
    await ben().reply('First', 'm-1');
    await ben().reply('Secnd', 'm-2');
    await ben().reply('Third', 'm-3');
    const thanks = bot.chat.take().flatMap((s) => (s.kind === 'ephemeral' && s.user === 'ben' ? [s.message.text] : []));
    expect(thanks).toEqual([
      'Thanks, ben: your opening check-in is saved.',
      ...Array(2).fill(
        'Thanks, ben: your opening check-in is saved too: it adds to what you said earlier, which is kept, and the summary shows them together.',
      ),
    ]);
    await ben().edit('m-2', 'Second');
    await ben().remove('m-3');
    // The same message again (a platform retry that is not recognised as one) stays one check-in.
    await ben().reply('First', 'm-1');
    expect(await rows(`select text, message_id from checkins order by id`)).toEqual([
      { text: 'First', message_id: 'm-1' },
      { text: 'Second', message_id: 'm-2' },
    ]);
    await ana().say('next');
    await ana().say('close');
    await ana().say('close');
    const summary = bot.chat.replies().find((m) => m.text.startsWith('Session summary'));
    expect(summary?.text).toContain('1 participant · 1 opening check-in · 0 reflections');
    expect(summary?.sections?.[0]).toBe("What's working, at the start:\n• ben:\n   – First\n   – Second");
  });

  it('counts reflections under the prompt posted before them, each prompt in the summary with its own', async () => {
    await ana().say('start');
    await ana().say('next');
    await ben().reply('On the first', 'm-1');
    await ana().say('prompt');
    await ben().reply('On the second', 'm-2');
    // A first answer to the second prompt is a first one there.
    expect(
      bot.chat
        .take()
        .flatMap((s) => (s.kind === 'ephemeral' && s.user === 'ben' ? [s.message.text] : []))
        .at(-1),
    ).toBe('Thanks, ben: your reflection is saved.');
    await ana().reply('Mine too', 'm-3');
    expect(
      await rows(
        `select pp.id as post, r.text from reflections r join prompt_posts pp on pp.id = r.prompt_post_id order by r.id`,
      ).then((all) => all.map((row) => [row['text'], row['post'] === all[0]?.['post'] ? 'first' : 'second'])),
    ).toEqual([
      ['On the first', 'first'],
      ['On the second', 'second'],
      ['Mine too', 'second'],
    ]);
    await ana().say('close');
    await ana().say('close');
    const summary = bot.chat.replies().find((m) => m.text.startsWith('Session summary'));
    const reflections = (summary?.sections ?? []).filter((section) => section.startsWith('Reflection:'));
    expect(reflections.map((section) => section.split('\n').slice(1))).toEqual([
      ['• ben: On the first'],
      ['• ben: On the second', '• ana: Mine too'],
    ]);
  });

  it('replaces a reflection when the same message is edited', async () => {
    await ana().say('start');
    await ana().say('next');
    await ben().reply('Draft', 'm-9');
    await ben().reply('Edited', 'm-9');
    expect(await rows(`select text from reflections`)).toEqual([{ text: 'Edited' }]);
  });

  it("edits and deletes answers by their message, and only the author's", async () => {
    await ana().say('start');
    await ben().reply('Draft', 'm-1');
    await ana().say('next');
    await ben().reply('Reflection draft', 'm-2');
    await ben().edit('m-1', 'Final');
    await ben().edit('m-2', 'Reflection final');
    await ana().edit('m-1', 'Not yours');
    expect(await rows(`select phase, text from checkins`)).toEqual([{ phase: 'opening', text: 'Final' }]);
    expect(await rows(`select text from reflections`)).toEqual([{ text: 'Reflection final' }]);
    await ana().remove('m-2');
    await ben().remove('m-1');
    await ben().remove('m-2');
    expect(await rows(`select count(*)::int as n from checkins`)).toEqual([{ n: 0 }]);
    expect(await rows(`select count(*)::int as n from reflections`)).toEqual([{ n: 0 }]);
  });

  it('keeps one open session and one move when facilitators race', async () => {
    await Promise.all([ana().say('start A'), ana().say('start B'), ana().say('start C')]);
    expect(await rows(`select count(*)::int as n from sessions where closed_at is null`)).toEqual([{ n: 1 }]);
    const [session] = await rows(`select id from sessions`);
    const next = { kind: 'session.next', sessionId: session?.id, phase: 'opening' };
    await Promise.all([ana().press(next), ana().press(next), ana().press(next)]);
    expect(await rows(`select phase from sessions`)).toEqual([{ phase: 'reflection' }]);
    expect(await rows(`select count(*)::int as n from prompt_posts`)).toEqual([{ n: 1 }]);
  });

  it('records each platform event once', async () => {
    await ana().say('start', { eventId: 'Ev42' });
    await ana().say('start', { eventId: 'Ev42' });
    expect(await rows(`select platform, event_id from event_receipts`)).toEqual([
      { platform: 'console', event_id: 'Ev42' },
    ]);
    expect(
      bot.chat.sent.filter((s) => s.kind === 'ephemeral' && /already has an open session/.test(s.message.text)),
    ).toEqual([]);
  });

  it('never repeats a prompt in a community until all have been used', async () => {
    for (let i = 0; i < 5; i++) {
      await ana().say('start');
      await ana().say('next');
      await ana().say('close');
      await ana().say('close');
    }
    const keys = (await rows(`select prompt_key from prompt_posts order by id`)).map((r) => r.prompt_key);
    expect(keys).toHaveLength(5);
    expect(new Set(keys).size).toBe(5);
  });

  it("keeps custom and retired prompts per community, and a between-sessions prompt's thread", async () => {
    await ana().say('prompt add What did your quietest students show you this week?');
    await ana().say('prompt retire 1');
    const retired = await rows('select prompt_key from prompt_retirements');
    expect(retired).toEqual([{ prompt_key: 'strengths-1' }]);
    expect(await rows('select theme, text from prompts')).toEqual([
      { theme: 'community', text: 'What did your quietest students show you this week?' },
    ]);
    await ana().say('prompt');
    const post = bot.chat.sent.filter((s) => s.kind === 'post').at(-1);
    if (post?.kind !== 'post') throw new Error('no prompt posted');
    await ben().replyIn(post.ref.id, 'A quiet student led the game');
    expect(
      await rows('select r.text, p.session_id from reflections r join prompt_posts p on p.id = r.prompt_post_id'),
    ).toEqual([{ text: 'A quiet student led the game', session_id: null }]);
  });

  it('keeps communities, members and sessions of two workspaces apart', async () => {
    const other = createDriver(createStore(database.db), { platform: 'slack' });
    await other.as('ana').say('setup Elsewhere');
    expect(
      await rows(
        `select w.platform, c.name from communities c join workspaces w on w.id = c.workspace_id order by c.id`,
      ),
    ).toEqual([
      { platform: 'console', name: 'Grade 3 Literacy' },
      { platform: 'slack', name: 'Elsewhere' },
    ]);
    expect(await rows(`select count(*)::int as n from members where external_id = 'ana'`)).toEqual([{ n: 2 }]);
  });
});
