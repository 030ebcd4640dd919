import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { MIDWEEK_PROMPT } from '../../src/core/use-cases/prompts/midweek.js';
import { outboxRepo } from '../../src/db/repositories/outbox.js';
import { createStore } from '../../src/db/store.js';
import { useTestDatabase } from '../helpers/databases.js';
import { deliverWith } from '../helpers/delivery.js';
import { eventually, useSlackBot } from '../helpers/slack-bot.js';
import { commandBody, eventBody, postToSlackEndpoint } from '../helpers/slack-requests.js';

// A reply to the mid-week prompt is a reflection, and like a reply in a session thread it follows its
// message: edited in Slack, the reflection is edited; deleted, it is deleted. Through signed events.

describe('Replies to a mid-week prompt in Slack', () => {
  const database = useTestDatabase('pglite');
  const { bot: slack } = useSlackBot(database);

  const reflections = () =>
    sql<{ text: string }>`select text from reflections order by id`
      .execute(database().db)
      .then((r) => r.rows.map((row) => row.text));
  const event = (payload: Record<string, unknown>, eventId: string) =>
    postToSlackEndpoint(
      slack().baseUrl,
      eventBody({ channel: 'C1', channel_type: 'channel', ...payload }, { eventId }),
    );

  it("edits and deletes the reflection with the message it came from, and only the author's", async () => {
    await postToSlackEndpoint(
      slack().baseUrl,
      commandBody({
        text: 'setup Grade 3',
        user: 'UANA',
        channel: 'C1',
        responseUrl: slack().fake.responseUrl('setup'),
      }),
    );
    const community = await eventually(async () => {
      const { rows } = await sql<{ id: number }>`select id from communities`.execute(database().db);
      expect(rows).toHaveLength(1);
      return Number(rows[0]?.id);
    });
    const now = new Date();
    await outboxRepo(database().db).enqueue([
      {
        workspaceId: null,
        kind: MIDWEEK_PROMPT,
        key: 'midweek:edits',
        dueAt: now,
        payload: { communityId: community },
      },
    ]);
    expect(
      await deliverWith({
        store: createStore(database().db),
        outbox: outboxRepo(database().db),
        now,
        chatFor: (team) => slack().chatFor(team),
      }),
    ).toMatchObject({ sent: 1 });
    const prompt = slack().fake.calls.findLast(
      (call) => call.method === 'chat.postMessage' && String(call.args.text).startsWith('Reflection'),
    );
    const root = typeof prompt?.response.ts === 'string' ? prompt.response.ts : '';
    expect(root).not.toBe('');

    await event({ type: 'message', user: 'UBEN', text: 'Draft thought', ts: '7.1', thread_ts: root }, 'EvReply');
    await eventually(async () => expect(await reflections()).toEqual(['Draft thought']));

    // Someone else's edit of that message id changes nothing; the author's does.
    await event(
      {
        type: 'message',
        subtype: 'message_changed',
        message: { user: 'UANA', text: 'Hijacked', ts: '7.1', thread_ts: root },
      },
      'EvEditOther',
    );
    await event(
      {
        type: 'message',
        subtype: 'message_changed',
        message: { user: 'UBEN', text: 'Final thought', ts: '7.1', thread_ts: root },
      },
      'EvEdit',
    );
    await eventually(async () => expect(await reflections()).toEqual(['Final thought']));

    await event(
      {
        type: 'message',
        subtype: 'message_deleted',
        deleted_ts: '7.1',
        previous_message: { user: 'UBEN', text: 'Final thought', ts: '7.1', thread_ts: root },
      },
      'EvDelete',
    );
    await eventually(async () => expect(await reflections()).toEqual([]));
  });
});
