import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/databases.js';
import { FakeTeams } from '../helpers/fake-teams.js';
import { eventually, useSlackBot } from '../helpers/slack-bot.js';
import { commandBody, postToSlackEndpoint } from '../helpers/slack-requests.js';
import { CHANNEL, type TeamsUser } from '../helpers/teams-activities.js';
import { useTeamsBot } from '../helpers/teams-bot.js';

// PostgreSQL stores no NUL character. One in a command, a reply, a display name or a channel name,
// whether it came in a request or was fetched from the platform afterwards, is taken out where it
// comes in: the request is answered (never an endless "try again") and the words are kept without it.

const NUL = '\u0000';

describe('NUL characters at the Teams edge', () => {
  const database = useTestDatabase('pglite');
  const { bot, say, send } = useTeamsBot(database);
  const members = () =>
    sql<{ display_name: string; is_admin: boolean }>`select display_name, is_admin from members order by id`
      .execute(database().db)
      .then((r) => r.rows);

  it("takes them out of installers', newcomers' and speakers' names, channel names and commands", async () => {
    const dana: TeamsUser = { id: '29:dana', name: `Da${NUL}na` };
    await send(say().addedToTeam(dana));
    await send(say().membersJoined(dana, [{ id: '29:eli', name: `E${NUL}li` }]));
    const post = say().channelPost(dana, `set${NUL}up Grade${NUL} 3`);
    await send({ ...post, channelData: { ...post.channelData, channel: { id: CHANNEL, name: `Gr${NUL}ade 3` } } });
    await send(say().personal({ id: '29:fay', name: `Fa${NUL}y` }, `he${NUL}lp`));

    expect(await members()).toEqual([
      { display_name: 'Dana', is_admin: true },
      { display_name: 'Eli', is_admin: false },
      { display_name: 'Fay', is_admin: false },
    ]);
    expect((await sql<{ name: string }>`select name from communities`.execute(database().db)).rows).toEqual([
      { name: 'Grade 3' },
    ]);
    expect(bot().fake.messages().map(FakeTeams.textOf)).toEqual([
      expect.stringContaining('Grade 3 is now a Mentor Circle community, facilitated by Dana'),
      expect.stringContaining('Mentor Circle runs your community sessions'),
    ]);
  });
});

describe('NUL characters at the Slack edge', () => {
  const database = useTestDatabase('pglite');
  const { bot: slackBot } = useSlackBot(database);

  it('takes them out of a command and of the display name fetched from users.info', async () => {
    const slack = slackBot();
    slack.fake.users.set('UGIL', { id: 'UGIL', name: `Gi${NUL}l` });
    const response = await postToSlackEndpoint(
      slack.baseUrl,
      commandBody({
        text: `setup Grade${NUL} 4`,
        user: 'UGIL',
        channel: 'C1',
        responseUrl: slack.fake.responseUrl('setup'),
      }),
    );
    expect(response.status).toBe(200);
    await eventually(() =>
      expect(slack.fake.callsTo('chat.postMessage').map((call) => String(call.text))).toEqual([
        expect.stringContaining('Grade 4 is now a Mentor Circle community, facilitated by Gil'),
      ]),
    );
    expect((await sql<{ display_name: string }>`select display_name from members`.execute(database().db)).rows).toEqual(
      [{ display_name: 'Gil' }],
    );
  });
});
