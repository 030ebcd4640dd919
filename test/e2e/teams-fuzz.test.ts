import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/databases.js';
import { FakeTeams } from '../helpers/fake-teams.js';
import { activities, ANA, BEN } from '../helpers/teams-activities.js';
import { startTeamsBot } from '../helpers/teams-bot.js';

// Generated Bot Framework activities through the real CloudAdapter at /api/messages: real shapes
// with odd values, near misses, and nonsense. Each gets an answer below 500, none crashes the bot,
// and afterwards it still runs a command.

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.constant('x'.repeat(12_000)),
);
const odd = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.constant(null),
  fc.constant(undefined),
  fc.object({ maxDepth: 1 }),
);

describe('Teams activities, fuzzed through the real adapter', () => {
  const db = useTestDatabase('pglite');

  it('answers every generated activity below 500 and keeps serving', async () => {
    const bot = await startTeamsBot(db());
    try {
      const say = activities(bot.fake.serviceUrl);
      await bot.send(say.installPersonal(ANA));
      await bot.send(say.channelPost(ANA, 'setup Grade 3'));
      const real = fc.oneof(
        text.map((words) => say.channelPost(BEN, words, { mention: true })),
        text.map((words) => say.personal(BEN, words)),
        fc.tuple(fc.string({ maxLength: 20 }), text).map(([root, words]) => say.threadReply(BEN, root, words)),
        fc
          .dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }))
          .map((value) => say.submit(BEN, value, 'personal')),
        fc
          .record({ mcAction: fc.anything(), mcForm: fc.anything() }, { requiredKeys: [] })
          .map((value) => say.submit(BEN, value as Record<string, unknown>, { root: '1' })),
      );
      // Real activities with one field replaced by something odd, or missing.
      const bent = fc
        .tuple(
          real,
          fc.constantFrom(
            'type',
            'from',
            'conversation',
            'channelData',
            'text',
            'value',
            'entities',
            'recipient',
            'id',
            'serviceUrl',
          ),
          odd,
        )
        .map(([activity, field, value]) => ({
          ...(activity as Record<string, unknown>),
          [field]: value === undefined ? undefined : field === 'serviceUrl' ? bot.fake.serviceUrl : value,
        }));
      const nonsense = fc.oneof(
        fc.jsonValue().map((value) => JSON.stringify(value)),
        fc.string({ maxLength: 200 }),
      );
      await fc.assert(
        fc.asyncProperty(fc.oneof(real, bent, nonsense), async (activity) => {
          const answer = await bot.send(activity);
          expect(answer.status).toBeLessThan(500);
        }),
        { numRuns: 800 },
      );
      await bot.send(say.personal(ANA, 'help'));
      const last = bot.fake
        .messages()
        .filter((m) => m.conversation === 'a:personal-ana')
        .at(-1);
      expect(FakeTeams.textOf(last ?? ({} as never))).toMatch(/Mentor Circle runs your community sessions/);
    } finally {
      await bot.close();
    }
  }, 180_000);
});
