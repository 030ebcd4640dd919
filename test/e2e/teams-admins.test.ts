import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/databases.js';
import { FakeTeams } from '../helpers/fake-teams.js';
import { ANA, BEN, type TeamsUser } from '../helpers/teams-activities.js';
import { useTeamsBot } from '../helpers/teams-bot.js';

// Who becomes a Mentor Circle admin in Teams, tried at /api/messages as a teacher would: only the
// person who adds the app to a team is the first admin, and the last admin cannot leave without
// naming another.

describe('Admins in Microsoft Teams', () => {
  const database = useTestDatabase('pglite');
  const { bot: teams, say, send } = useTeamsBot(database);

  const admins = () =>
    sql<{ external_id: string }>`select external_id from members where is_admin order by external_id`
      .execute(database().db)
      .then((r) => r.rows.map((row) => row.external_id));
  const personalTexts = (user: TeamsUser) =>
    teams()
      .fake.messages()
      .filter((s) => s.conversation === `a:personal-${user.id.slice(3)}`)
      .map((s) => FakeTeams.textOf(s));

  /** A personal-chat command naming someone, with the mention entity Teams sends. */
  function naming(from: TeamsUser, words: string, named: TeamsUser) {
    const activity = say().personal(from, `${words} <at>${named.name}</at>`);
    return {
      ...activity,
      entities: [
        ...activity.entities,
        { type: 'mention', mentioned: { id: named.id, name: named.name }, text: `<at>${named.name}</at>` },
      ],
    };
  }

  /** `forget-me`, then the confirmation button it draws, both in the personal chat. */
  async function forgetMe(user: TeamsUser) {
    await send(say().personal(user, 'forget-me'));
    const card = teams()
      .fake.messages()
      .findLast((s) => s.conversation === `a:personal-${user.id.slice(3)}` && FakeTeams.buttons(s).length > 0);
    const confirm = FakeTeams.buttons(card ?? (undefined as never)).find((b) => b.title === 'Forget me');
    await send(say().submit(user, confirm?.data ?? {}, 'personal'));
  }

  it('makes nobody an admin for a personal install, and the person who adds the app to a team the first one', async () => {
    // A plain teacher opens the app in personal scope in a fresh tenant, and asks for the admin's digest.
    await send(say().installPersonal(BEN));
    await send({
      ...say().installPersonal(BEN),
      type: 'conversationUpdate',
      membersAdded: [{ id: 'x' }, { id: '28:mentor-circle-bot' }],
    });
    await send(say().personal(BEN, 'digest'));
    expect(await admins()).toEqual([]);
    expect(personalTexts(BEN).at(-1)).toMatch(/admin/i);

    // Ana adds the app to her team: she is the first admin. Ben adding it to another team later changes nothing.
    await send(say().addedToTeam(ANA));
    await send(say().teamInstall(BEN, 'add'));
    expect(await admins()).toEqual([ANA.id]);
  });

  it('keeps the last admin from forgetting themselves until they name another, and gives nobody the role when they go', async () => {
    await send(say().teamInstall(ANA, 'add'));
    await send(say().installPersonal(BEN));
    expect(await admins()).toEqual([ANA.id]);

    await forgetMe(ANA);
    expect(personalTexts(ANA).at(-1)).toContain('You are the only Mentor Circle admin here');
    expect(personalTexts(ANA).at(-1)).toContain('admin add @person');
    expect(await admins()).toEqual([ANA.id]);

    // Someone Teams never showed the bot (no install, no team, no message of theirs) cannot be named.
    const stranger: TeamsUser = { id: '29:stranger', name: 'Stranger' };
    await send(naming(ANA, 'admin add', stranger));
    expect(personalTexts(ANA).at(-1)).toContain('That is not someone I can name an admin');
    expect(await admins()).toEqual([ANA.id]);

    // Named another, she may go; Ben is the admin, and a newcomer's personal install changes nothing.
    await send(naming(ANA, 'admin add', BEN));
    expect(await admins()).toEqual([ANA.id, BEN.id].sort());
    await forgetMe(ANA);
    expect(personalTexts(ANA).at(-1)).toContain('Done: everything Mentor Circle kept of yours is deleted');
    const cleo: TeamsUser = { id: '29:cleo', name: 'Cleo Park' };
    await send(say().installPersonal(cleo));
    await send(say().personal(cleo, 'help'));
    expect(await admins()).toEqual([BEN.id]);

    // The last admin cannot remove themselves either: asked first, the press refuses it.
    await send(naming(BEN, 'admin remove', BEN));
    expect(personalTexts(BEN).at(-1)).toContain('Remove yourself as a Mentor Circle admin?');
    const card = teams()
      .fake.messages()
      .findLast((s) => s.conversation === `a:personal-${BEN.id.slice(3)}` && FakeTeams.buttons(s).length > 0);
    const yes = FakeTeams.buttons(card ?? (undefined as never)).find((b) => b.title === 'Yes, remove me');
    await send(say().submit(BEN, yes?.data ?? {}, 'personal'));
    expect(personalTexts(BEN).at(-1)).toContain('Nothing changed. You are the only Mentor Circle admin here');
    expect(await admins()).toEqual([BEN.id]);
  });
});
