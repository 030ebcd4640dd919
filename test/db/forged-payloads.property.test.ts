import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDriver } from '../helpers/driver.js';
import { testDatabaseKinds, useTestStore } from '../helpers/databases.js';
import { facilitatorNames, retiredPromptKeys, rowCount, sessionPhases, storedMembers } from '../helpers/stored-rows.js';

// Buttons and forms come back from the platforms as data anyone could forge. Generated payloads,
// from nonsense to near misses of real ones, through the core's one entry point: it never throws,
// changes nothing it should not, and the presser hears back.

const kinds = [
  'session.next',
  'session.close',
  'checkin.form',
  'goal.save',
  'goal.edit',
  'nudge.answer',
  'nudge.snooze',
  'nudge.progress',
  'forget.confirm',
  'prompt.undo',
  'admin.leave',
  'facilitator.leave',
  'checkin',
  'goal',
  'progress',
];
const nearMiss = fc.record(
  {
    kind: fc.oneof(fc.constantFrom(...kinds), fc.string()),
    sessionId: fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
    phase: fc.oneof(fc.constantFrom('opening', 'reflection', 'closing', 'closed'), fc.string()),
    // Small ids, so that forged presses name the retirement and the community that exist.
    retirementId: fc.oneof(fc.integer({ min: -2, max: 20 }), fc.string()),
    communityId: fc.oneof(fc.integer({ min: -2, max: 20 }), fc.string()),
    goalIds: fc.oneof(fc.array(fc.integer({ min: -5, max: 1e6 }), { maxLength: 12 }), fc.string()),
    answer: fc.oneof(fc.constantFrom('on-track', 'stuck'), fc.anything()),
    draft: fc.anything(),
    context: fc.oneof(
      fc.record({
        sessionId: fc.integer({ min: -2, max: 50 }),
        phase: fc.constantFrom('opening', 'closing', 'reflection'),
      }),
      fc.anything(),
    ),
    values: fc.oneof(
      fc.record({ text: fc.string(), share: fc.anything() }),
      fc.dictionary(fc.string(), fc.anything()),
      fc.anything(),
    ),
  },
  { requiredKeys: [] },
);
const payload = fc.oneof(fc.anything(), nearMiss);

// One database of each kind for the file, emptied before each test.
describe.each(testDatabaseKinds)('on %s', (kind) => {
  const newStore = useTestStore(kind);
  const answersStored = async () =>
    (await rowCount(newStore.database(), 'checkins')) + (await rowCount(newStore.database(), 'goals'));

  describe('forged buttons and forms, fuzzed', () => {
    let bot: ReturnType<typeof createDriver>;
    beforeEach(async () => {
      bot = createDriver(newStore());
      await bot.as('ana').say('setup Grade 3');
      await bot.as('ana').say('start');
      await bot.as('ana').say('prompt retire 1');
      bot.chat.take();
    });

    it('never throws, never records an answer from nonsense, and always answers the presser', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('press', 'submit'), payload, async (how, value) => {
          const before = await answersStored();
          const mallory = bot.as('mallory');
          await (how === 'press' ? mallory.press(value) : mallory.submit(value));
          const sent = bot.chat.take();
          // Something came back to mallory alone (a refusal, a form or a thank-you), nothing to the channel.
          expect(sent.some((s) => (s.kind === 'ephemeral' && s.user === 'mallory') || s.kind === 'form')).toBe(true);
          expect(sent.filter((s) => s.kind === 'post')).toEqual([]);
          // Only a well-formed check-in form for this session may store anything, and then just one.
          expect((await answersStored()) - before).toBeLessThanOrEqual(1);
        }),
        // Each payload goes through the database: 300 runs (about 4 s) rather than the thousands a fake allowed.
        { numRuns: 300 },
      );
      // The session is still where it was: no forged button moved it on. Ana's retirement and roles stand.
      expect(await sessionPhases(newStore.database())).toEqual(['opening']);
      expect(await retiredPromptKeys(newStore.database())).toEqual(['strengths-1']);
      expect(await facilitatorNames(newStore.database())).toHaveLength(1);
      expect((await storedMembers(newStore.database())).filter((m) => m.isAdmin).map((m) => m.name)).toEqual(['ana']);
    });
  });
});
