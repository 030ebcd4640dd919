import { beforeEach, describe, expect, it } from 'vitest';
import type { Sent } from '../helpers/recording-chat.js';
import { capturingLog, createDriver } from '../helpers/driver.js';
import { testDatabaseKinds, useTestStore } from '../helpers/databases.js';

// A form is routed by the kind it says it is: a kind the bot never draws is refused as not belonging
// here, and a form the bot does draw, filled in wrongly, is refused with what to fix.

const FORGED = 'That button or form does not belong here, so nothing was changed.';

const privateTo = (sent: Sent[], user: string) =>
  sent.filter((s) => s.kind === 'ephemeral' && s.user === user).map((s) => ('message' in s ? s.message.text : ''));

describe.each(testDatabaseKinds)('form routing by kind, on %s', (kind) => {
  const newStore = useTestStore(kind);
  let bot: ReturnType<typeof createDriver>;
  let log: ReturnType<typeof capturingLog>;
  const ben = () => bot.as('ben');

  beforeEach(async () => {
    log = capturingLog();
    bot = createDriver(newStore(), { log });
    await bot.as('ana').say('setup Grade 3 Literacy');
    bot.chat.take();
  });

  it.each([
    ['an unknown kind', { kind: 'survey', values: { text: 'hello' } }],
    ['no kind', { values: { text: 'hello' } }],
    ['a kind that is not a string', { kind: ['goal'], values: {} }],
    ['a check-in naming no session', { kind: 'checkin', context: {}, values: { text: 'hi' } }],
  ])('refuses %s clearly, without crashing, and warns the operator', async (_, form) => {
    await expect(ben().submit(form)).resolves.toBe('refused');
    expect(privateTo(bot.chat.take(), 'ben')).toEqual([FORGED]);
    expect(log.entries.filter((e) => e.level === 'error')).toEqual([]);
    expect(log.entries.some((e) => e.level === 'warn' && (e.obj as { code?: string }).code === 'BadPayload')).toBe(
      true,
    );
  });

  it('refuses a form that is no object at all', async () => {
    await expect(ben().submit('goal')).resolves.toBe('refused');
    expect(privateTo(bot.chat.take(), 'ben')).toEqual([FORGED]);
  });

  it.each([
    ['goal', /a goal needs what you will do/],
    ['progress', /Progress needs a number/],
    ['ask', /say what you would like help with/],
    ['ask-follow-up', /say what you would like help with/],
    ['suggestion', /Write your suggestion/],
    ['visit-notes', /write what you noticed/],
    ['visit-reflection', /write what you noticed/],
  ])('tells what to fix in a %s form that does not read', async (kind, fix) => {
    await expect(ben().submit({ kind, context: {}, values: {} })).resolves.toBe('refused');
    const [answer, ...more] = privateTo(bot.chat.take(), 'ben');
    expect(answer).toMatch(fix);
    expect(more).toEqual([]);
  });
});
