import type { GoalDraft } from '../../src/core/goals/goal.js';
import type { Store } from '../../src/core/ports/store.js';
import { createDriver } from './driver.js';
import { draft } from './goal-drafts.js';
import type { Sent } from './recording-chat.js';

// Ana, a teacher in a Grade 3 circle set up on 2 March 2026, working on her goals through the core.

/** The messages only `user` saw, in order. */
export const privateTo = (sent: Sent[], user: string) =>
  sent.filter((s) => s.kind === 'ephemeral' && s.user === user).map((s) => (s.kind === 'ephemeral' ? s.message : null));

/** A goal form's values as the platform submits them: fields left empty are absent. */
export const values = (over: Partial<GoalDraft> = {}) => {
  const d = draft(over);
  return { ...d, firstStep: d.firstStep ?? undefined, relevance: d.relevance ?? undefined };
};

/** A circle set up by Ana, with nothing left to read. */
export async function setUpAna(store: Store) {
  const bot = createDriver(store, { now: new Date('2026-03-02T15:00:00Z') });
  await bot.as('ana').say('setup Grade 3');
  bot.chat.take();
  return { store, bot, ana: bot.as('ana') };
}
