import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { openTestDatabase } from '../helpers/databases.js';
import { deliverNow } from '../helpers/deliver-now.js';
import { whereItAppears } from '../helpers/find-text.js';
import { activities, ANA, BEN, type TeamsUser } from '../helpers/teams-activities.js';
import { personalChats, startTeamsBot } from '../helpers/teams-bot.js';

// A classroom visit in Microsoft Teams, as Bot Framework activities through the real CloudAdapter:
// Ben asks to visit Cal's lesson from his personal chat; Cal says yes on the card in his; both are
// reminded the school day before; an hour after the lesson Ben gets the noticing questions as an
// Adaptive Card form, and his notes reach Cal's personal chat alone; Cal reflects on a card of his
// own. Then a decline, and a cancel with the other told.

const CAL: TeamsUser = { id: '29:cal', name: 'Cal Reyes', timeZone: 'America/Chicago' };
const CANARY = 'canary-teams-noticed-5520';

describe('a classroom visit, in Teams', () => {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startTeamsBot>>;
  let say: ReturnType<typeof activities>;
  // Tuesday 3 March 2026, 09:00 in Chicago.
  let now = new Date('2026-03-03T15:00:00Z');

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    bot = await startTeamsBot(database, { now: () => now });
    say = activities(bot.fake.serviceUrl);
  });
  afterAll(async () => {
    await bot?.close();
    await database?.close();
  });

  const { send, personalChat, inChat, texts, button } = personalChats(() => bot);
  const tick = () => deliverNow(database, { now, chatFor: (_p, tenant) => bot.chatFor(tenant) });

  it('asks, is accepted, reminds both, takes the noticing card and hands the notes to the observed teacher only, who reflects', async () => {
    await send(say.teamInstall(ANA, 'add'));
    for (const person of [BEN, CAL]) await send(say.installPersonal(person));
    await send(say.naming(BEN, 'visit', CAL, 'thu 10:00 questioning in small groups'));
    expect(texts(BEN).at(-1)).toContain(`I have asked ${CAL.name} privately about Thu 5 Mar, 10:00 (your time).`);
    expect(texts(CAL).at(-1)).toContain(
      `${BEN.name} would like to visit your lesson on Thu 5 Mar, 10:00 (your time), to learn alongside you.`,
    );
    expect(texts(CAL).at(-1)).toContain('What you might look at together: questioning in small groups');

    await send(say.submit(CAL, button(CAL, 'Yes, welcome'), 'personal'));
    expect(texts(BEN).at(-1)).toContain(`${CAL.name} said yes: Thu 5 Mar, 10:00 (your time).`);

    now = new Date('2026-03-04T21:00:00Z');
    await tick();
    expect(texts(BEN).at(-1)).toContain(
      `A reminder: you are watching ${CAL.name}'s lesson on Thu 5 Mar, 10:00 (your time).`,
    );
    expect(texts(CAL).at(-1)).toContain(
      `A reminder: ${BEN.name} comes to watch your lesson on Thu 5 Mar, 10:00 (your time).`,
    );

    now = new Date('2026-03-05T17:00:00Z');
    await tick();
    expect(texts(BEN).at(-1)).toContain(`Thank you for visiting ${CAL.name}'s classroom. What did you notice?`);
    await send(say.submit(BEN, button(BEN, 'Write what you noticed'), 'personal'));
    const form = inChat(BEN).at(-1);
    expect(JSON.stringify(form?.activity)).toContain(
      'What did you notice about questioning in small groups? What did students say or do?',
    );
    await send(
      say.submit(
        BEN,
        {
          ...button(BEN, 'Send to them'),
          noticed: `I noticed ${CANARY}`,
          wondered: 'I wonder who chose the groups',
          next: '',
        },
        'personal',
      ),
    );

    expect(texts(CAL).join('\n')).toContain(
      `${BEN.name} wrote down what they noticed in your lesson. These notes are for you alone.`,
    );
    expect(texts(CAL).join('\n')).toContain(CANARY);
    // Nowhere else: every other activity the bot sent is searched.
    const elsewhere = bot.fake.sent.filter((s) => s.conversation !== personalChat(CAL));
    expect(elsewhere.length).toBeGreaterThan(5);
    expect(JSON.stringify(elsewhere)).not.toContain(CANARY);

    await send(say.submit(CAL, button(CAL, 'Reflect'), 'personal'));
    await send(say.submit(CAL, { ...button(CAL, 'Keep it'), text: 'reflection-teams-8812' }, 'personal'));
    expect(texts(CAL).at(-1)).toContain('Kept, just for you.');
    expect(await whereItAppears(database, 'reflection-teams-8812')).toMatchObject({ 'visits.reflection': 1 });
  });

  it('tells the requester of a decline, and the other person of a cancel', async () => {
    await send(say.naming(BEN, 'invite', CAL, 'fri 9:00am'));
    await send(say.submit(CAL, button(CAL, 'Not this time'), 'personal'));
    expect(texts(BEN).at(-1)).toContain(`${CAL.name} can't make Fri 6 Mar, 09:00 (your time) this time.`);

    await send(say.naming(CAL, 'model', BEN, 'mon 10:00 guided reading'));
    await send(say.submit(BEN, button(BEN, "Yes, I'll come"), 'personal'));
    await send(say.submit(BEN, button(BEN, 'Cancel the visit'), 'personal'));
    expect(texts(CAL).at(-1)).toContain(`${BEN.name} has called off the visit on Mon 9 Mar, 10:00 (your time).`);
    const before = bot.fake.messages().length;
    now = new Date('2026-03-09T17:00:00Z');
    await tick();
    expect(bot.fake.messages().length).toBe(before);
  });
});
