import type { Context } from '../context.js';
import { DomainError } from '../errors.js';
import { UNDO_FOR_MS, undoEnding } from './goals/undo-ending.js';
import { latestRetirement, undoRetirement } from './prompts/undo-retirement.js';

/** How many of a person's latest endings are looked at for one that can be undone (a rework cannot). */
const ENDINGS_LOOKED_AT = 5;

/**
 * `undo` in words: takes back the person's most recent undoable act within the window, whichever it
 * was: a goal marked achieved or set aside, or a prompt they retired. Typed again, it takes back the
 * one before.
 */
export async function undoLast(ctx: Context): Promise<void> {
  const { store, now } = ctx.deps;
  const since = now.getTime() - UNDO_FOR_MS;
  const [endings, retirement] = await Promise.all([
    store.goals.listEnded(ctx.member.id, ENDINGS_LOOKED_AT),
    latestRetirement(ctx),
  ]);
  const ending = endings.find(
    (goal) => goal.status !== 'reworked' && goal.endedAt !== null && goal.endedAt.getTime() >= since,
  );
  if (retirement && (!ending?.endedAt || retirement.at >= ending.endedAt)) return undoRetirement(ctx, retirement.id);
  if (ending) return undoEnding(ctx, ending.id);
  throw new DomainError(
    'NothingToUndo',
    'There is nothing you ended, set aside or retired in the last day to bring back.',
  );
}
