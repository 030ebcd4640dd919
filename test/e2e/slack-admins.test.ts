import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/databases.js';
import { commandBody, postToSlackEndpoint } from '../helpers/slack-requests.js';
import { eventually, useSlackBot } from '../helpers/slack-bot.js';

// Slack's own admins and owners are Mentor Circle admins while Slack says so: the flag is read again
// from users.info, both ways, and roles given in the app stay. Driven through signed requests.

describe('Slack admins kept in step with Slack', () => {
  const database = useTestDatabase('pglite');
  const { bot: slack, restart } = useSlackBot(database);

  const admins = () =>
    sql<{ external_id: string }>`select external_id from members where is_admin order by external_id`
      .execute(database().db)
      .then((r) => r.rows.map((row) => row.external_id));
  const answers = () => slack().fake.responses.map((r) => String(r.body.text));

  async function circle(user: string, text: string) {
    const before = slack().fake.responses.length;
    const response = await postToSlackEndpoint(
      slack().baseUrl,
      commandBody({ text, user, channel: 'D1', responseUrl: slack().fake.responseUrl(`${user}-${before}`) }),
    );
    expect(response.status).toBe(200);
    await eventually(() => expect(slack().fake.responses.length).toBeGreaterThan(before));
  }

  it('lets an admin remove someone Slack has demoted, asking Slack afresh', async () => {
    slack().fake.users.set('UOWNER', { id: 'UOWNER', name: 'Owner', is_owner: true });
    slack().fake.users.set('UANA', { id: 'UANA', name: 'Ana' });
    await circle('UOWNER', 'admin add <@UANA|ana>');
    expect(await admins()).toEqual(['UANA', 'UOWNER']);
    await circle('UANA', 'admin remove <@UOWNER|owner>');
    expect(answers().at(-1)).toContain('is an admin or owner of this workspace');

    // Demoted in Slack: the stored flag no longer keeps them, and they have not spoken since.
    slack().fake.users.set('UOWNER', { id: 'UOWNER', name: 'Owner' });
    await circle('UANA', 'admin remove <@UOWNER|owner>');
    expect(answers().at(-1)).toBe('Owner is no longer a Mentor Circle admin.');
    expect(await admins()).toEqual(['UANA']);
  });

  it('names as admin only full members Slack knows in this workspace', async () => {
    slack().fake.users.set('UOWNER', { id: 'UOWNER', name: 'Owner', is_owner: true });
    slack().fake.users.set('UGUEST', { id: 'UGUEST', name: 'Guest', is_restricted: true });
    slack().fake.users.set('UGONE', { id: 'UGONE', name: 'Gone', deleted: true });
    slack().fake.users.set('UAPP', { id: 'UAPP', name: 'Some App', is_bot: true });
    slack().fake.users.set('UOTHER', { id: 'UOTHER', name: 'Other Org', team_id: 'TOTHER' });
    slack().fake.strangers.add('UNOBODY');
    for (const who of ['UGUEST', 'UGONE', 'UAPP', 'UOTHER', 'UNOBODY']) {
      await circle('UOWNER', `admin add <@${who}>`);
      expect(answers().at(-1)).toContain('That is not someone I can name an admin');
    }
    expect(await admins()).toEqual(['UOWNER']);
    // Nothing is kept of an id that was only typed.
    const kept = await sql<{
      n: number;
    }>`select count(*)::int as n from members where external_id in ('UGUEST', 'UGONE', 'UAPP', 'UOTHER', 'UNOBODY')`.execute(
      database().db,
    );
    expect(kept.rows[0]?.n).toBe(0);

    // Slack cannot answer: nobody is named, and the admin is told to try again.
    slack().fake.users.set('UANA', { id: 'UANA', name: 'Ana' });
    slack().fake.fail('users.info', { error: 'internal_error' });
    await circle('UOWNER', 'admin add <@UANA|ana>');
    expect(answers().at(-1)).toContain('I could not check who that is just now');
    await circle('UOWNER', 'admin add <@UANA|ana>');
    expect(answers().at(-1)).toContain('is now a Mentor Circle admin');
    expect(await admins()).toEqual(['UANA', 'UOWNER']);
  });

  it('takes away what the flag gave when Slack demotes someone, and keeps roles given in the app', async () => {
    slack().fake.users.set('UOWNER', { id: 'UOWNER', name: 'Owner', is_owner: true });
    slack().fake.users.set('UBOSS', { id: 'UBOSS', name: 'Boss', is_admin: true });
    slack().fake.users.set('UANA', { id: 'UANA', name: 'Ana' });
    await circle('UOWNER', 'help');
    await circle('UBOSS', 'help');
    await circle('UOWNER', 'admin add <@UBOSS|boss>');
    await circle('UOWNER', 'admin add <@UANA|ana>');
    expect(await admins()).toEqual(['UANA', 'UBOSS', 'UOWNER']);

    slack().fake.users.set('UOWNER', { id: 'UOWNER', name: 'Owner' });
    slack().fake.users.set('UBOSS', { id: 'UBOSS', name: 'Boss' });
    await restart();
    await circle('UOWNER', 'digest');
    expect(answers().at(-1)).toContain('Only Mentor Circle admins');
    await circle('UBOSS', 'digest');
    expect(await admins()).toEqual(['UANA', 'UBOSS']);

    // Made an owner again, they are an admin again.
    slack().fake.users.set('UOWNER', { id: 'UOWNER', name: 'Owner', is_owner: true });
    await restart();
    await circle('UOWNER', 'help');
    expect(await admins()).toEqual(['UANA', 'UBOSS', 'UOWNER']);
  });
});
