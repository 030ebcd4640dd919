import { afterEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/databases.js';
import { FakeTeams, type SentActivity } from '../helpers/fake-teams.js';
import { activities, ANA, BEN, CHANNEL } from '../helpers/teams-activities.js';
import { startTeamsBot } from '../helpers/teams-bot.js';

// A check-in written to trick: through /api/messages it is stored as written, and everywhere the bot
// shows it again (the session thread, the summary, the admin's digest) it is shown as those
// characters, never as a live link, bold text or a mention.

const HOSTILE = '[click here](https://evil.example/login) **bold** <at>Ben Okafor</at>';

describe('What people wrote, shown again in Microsoft Teams', () => {
  const database = useTestDatabase('pglite');
  let bot: Awaited<ReturnType<typeof startTeamsBot>> | undefined;
  afterEach(() => bot?.close());

  it('re-posts a hostile check-in in the thread, the summary and the digest as plain characters', async () => {
    // The session is on a Tuesday; the digest that shows it is the one for that week, asked for the week after.
    let now = new Date('2026-11-24T15:00:00Z');
    bot = await startTeamsBot(database(), { now: () => now });
    const running = bot;
    const teams = () => running;
    const say = () => activities(running.fake.serviceUrl);
    const send = async (activity: unknown) => {
      const response = await running.send(activity);
      expect(response.status, response.text).toBe(200);
    };
    await send(say().teamInstall(ANA, 'add'));
    await send(say().installPersonal(ANA));
    await send(say().installPersonal(BEN));
    await send(say().channelPost(ANA, 'setup Grade 3'));
    await send(say().channelPost(ANA, 'start'));
    const card = teams().fake.sent.findLast((s) => s.conversation === CHANNEL && FakeTeams.buttons(s).length > 0);
    const share = FakeTeams.buttons(card ?? (undefined as never)).find((b) => b.title === "Share what's working");
    await send(say().submit(BEN, share?.data ?? {}, { root: card?.id ?? '' }));
    const form = teams()
      .fake.messages()
      .findLast((s) => s.conversation === 'a:personal-ben');
    const submit = form?.activity.attachments?.[0]?.content.actions?.[0]?.data ?? {};
    await send(say().submit(BEN, { ...submit, text: HOSTILE, share: 'true' }, 'personal'));
    await send(say().channelPost(ANA, 'close'));
    await send(say().channelPost(ANA, 'close'));
    now = new Date('2026-12-01T15:00:00Z');
    await send(say().personal(ANA, 'digest'));

    const showing = teams()
      .fake.messages()
      .filter((s) => FakeTeams.textOf(s).includes(HOSTILE));
    const where = (s: SentActivity) => (s.conversation.startsWith(`${CHANNEL};`) ? 'thread' : s.conversation);
    expect(showing.map((s) => [where(s), FakeTeams.textOf(s).split(HOSTILE)[0]?.split('\n').at(-1)])).toEqual([
      ['thread', 'Ben Okafor: '],
      ['thread', expect.stringContaining('Ben Okafor')],
      ['a:personal-ana', expect.any(String)],
    ]);
    for (const sent of showing) {
      const raw = FakeTeams.rawTextOf(sent);
      // Every Markdown and HTML character of the check-in arrives escaped, as Teams would show it literally.
      expect(raw).toContain(
        sent.activity.attachments
          ? '\\[click here\\](https://evil.example/login) \\*\\*bold\\*\\* \\<at\\>Ben Okafor\\</at\\>'
          : '\\[click here\\](https://evil.example/login) \\*\\*bold\\*\\* &lt;at&gt;Ben Okafor&lt;/at&gt;',
      );
      expect(raw).not.toContain('[click here](');
      expect(raw).not.toContain('<at>');
    }
  });
});
