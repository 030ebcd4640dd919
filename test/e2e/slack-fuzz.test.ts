import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/db/database.js';
import { openTestDatabase } from '../helpers/databases.js';
import { eventually, startSlackBot } from '../helpers/slack-bot.js';
import {
  commandBody,
  eventBody,
  interactionBody,
  postToSlackEndpoint,
  type SlackPost,
} from '../helpers/slack-requests.js';

// Generated Slack payloads, correctly signed, through the real Bolt receiver: commands with any text,
// events and interactions of every odd shape. Each gets an answer below 500, none crashes the bot,
// and it goes on serving.

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.constant('x'.repeat(12_000)),
);
const id = fc.oneof(fc.stringMatching(/^[CDGUT][A-Z0-9]{1,10}$/), fc.string({ maxLength: 12 }), fc.constant(''));

const oddEvent = fc.record(
  {
    type: fc.oneof(
      fc.constantFrom(
        'message',
        'app_home_opened',
        'app_uninstalled',
        'tokens_revoked',
        'reaction_added',
        'user_change',
        'user_status_changed',
      ),
      fc.string(),
    ),
    subtype: fc.constantFrom('message_changed', 'message_deleted', 'bot_message', 'thread_broadcast', undefined),
    channel: id,
    // A message's author is an id; a user_change carries a whole user object.
    user: fc.oneof(
      id,
      fc.record({ id, name: fc.anything(), tz: fc.oneof(fc.string(), fc.anything()), profile: fc.anything() }),
      fc.anything(),
    ),
    text: fc.oneof(text, fc.integer(), fc.constant(null)),
    ts: fc.oneof(fc.string(), fc.double()),
    thread_ts: fc.oneof(fc.string(), fc.constant(null)),
    message: fc.anything(),
    previous_message: fc.anything(),
    tab: fc.string(),
    tokens: fc.anything(),
  },
  { requiredKeys: ['type'] },
);

const oddInteraction = fc.record(
  {
    type: fc.constantFrom('block_actions', 'view_submission', 'shortcut', 'view_closed', 'nonsense'),
    team: fc.oneof(fc.record({ id }), fc.anything()),
    user: fc.oneof(fc.record({ id, username: fc.string() }), fc.anything()),
    channel: fc.oneof(fc.record({ id }), fc.constant(null)),
    trigger_id: fc.string(),
    actions: fc.oneof(
      fc.array(
        fc.record({ action_id: fc.constantFrom('mc_1', 'mc_x', 'other'), value: fc.oneof(fc.string(), fc.json()) }),
        { maxLength: 3 },
      ),
      fc.anything(),
    ),
    view: fc.oneof(
      fc.record({
        callback_id: fc.constantFrom('mc_form', 'other'),
        private_metadata: fc.oneof(fc.json(), fc.string()),
        state: fc.anything(),
      }),
      fc.anything(),
    ),
  },
  { requiredKeys: ['type'] },
);

describe('Slack payloads, fuzzed through the real receiver', () => {
  let database: OpenDatabase;
  let bot: Awaited<ReturnType<typeof startSlackBot>>;
  let n = 0;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    // A payload Bolt cannot route is answered once this window passes; 1 s instead of Bolt's 3 s keeps
    // the waits short while leaving the payloads it can route ample time to be stored and acknowledged.
    bot = await startSlackBot(database, { unhandledRequestTimeoutMs: 1000 });
  });
  afterAll(async () => {
    await bot?.close();
    await database?.close();
  });

  const post: fc.Arbitrary<SlackPost> = fc.oneof(
    fc.record({ words: text, user: id, channel: id, team: id }).map(({ words, user, channel, team }) =>
      commandBody({
        text: words,
        user: user || 'U1',
        channel: channel || 'C1',
        team: team || 'T1',
        responseUrl: bot.fake.responseUrl(`fuzz-${++n}`),
      }),
    ),
    oddEvent.map((event) => eventBody(event, { eventId: `EvFuzz${++n}` })),
    oddInteraction.map((payload) => interactionBody(payload)),
    fc.json().map((body) => ({ body, contentType: 'application/json' })),
    fc.string().map((body) => ({ body, contentType: 'application/x-www-form-urlencoded' })),
  );

  it('answers every generated payload below 500 and keeps serving', async () => {
    // In batches sent at once: a payload Bolt cannot route waits out its acknowledgement window
    // before the unhandled-request answer, and those waits overlap.
    await fc.assert(
      fc.asyncProperty(fc.array(post, { minLength: 100, maxLength: 100 }), async (requests) => {
        const answers = await Promise.all(requests.map((request) => postToSlackEndpoint(bot.baseUrl, request)));
        for (const answer of answers) expect(answer.status).toBeLessThan(500);
      }),
      { numRuns: 8 },
    );
    expect((await fetch(`${bot.baseUrl}/healthz`)).status).toBe(200);
    await postToSlackEndpoint(
      bot.baseUrl,
      commandBody({ text: 'help', user: 'UANA', channel: 'C1', responseUrl: bot.fake.responseUrl('after-fuzz') }),
    );
    await eventually(() =>
      expect(bot.fake.responses.find((r) => r.path.endsWith('after-fuzz'))?.body.text).toMatch(
        /Mentor Circle runs your community sessions/,
      ),
    );
  }, 180_000);
});
