import type { ParseResult } from './command.js';
import { dayAndTime, echo, isResult, ok, show, take, usage, words } from './arguments.js';
import { readDecimal, readWholeNumber } from './words.js';

// `goal`, `goals`, `progress`, `nudges` and `snooze`: a teacher's own goals and the nudges about them.

export function parseGoal(rest: string): ParseResult {
  const args = words(rest);
  if (args.length === 0) return ok({ name: 'goal.new' });
  const outcome = args[0]?.toLowerCase();
  if ((outcome === 'achieved' || outcome === 'rework' || outcome === 'drop') && args.length === 2) {
    const number = readWholeNumber(args[1], 1, 99);
    return number === undefined
      ? usage('goal', 'Give the goal number that `goals` shows.')
      : ok({ name: 'goal.end', outcome, number });
  }
  return usage('goal');
}

/**
 * `progress 2 14` sets the total so far; `progress 2 +3` adds to it, and `progress 2 -1` takes one
 * back (a total is never below zero, so a minus sign can only mean a change).
 */
export function parseProgress(rest: string): ParseResult {
  const {
    words: [n, v],
    rest: note,
  } = take(rest, 2);
  const number = readWholeNumber(n, 1, 99);
  if (number === undefined) return usage('progress', 'Start with the goal number that `goals` shows.');
  const change = v !== undefined && /^[+-]/.test(v);
  const value = readDecimal(v?.replace(/^\+/, ''));
  if (value === undefined) {
    return usage(
      'progress',
      v === undefined
        ? 'How far have you got? Add your total so far, or +3 to add three.'
        : `'${echo(v)}' isn't a number; write your total like 14, or what to add like +3.`,
    );
  }
  return ok({ name: 'progress', number, value, mode: change ? 'add' : 'set', ...(note ? { note } : {}) });
}

export function parseNudges(rest: string): ParseResult {
  const args = words(rest);
  if (args.length === 0) return show('nudges');
  if (args[0]?.toLowerCase() === 'off' && args.length === 1) return ok({ name: 'nudges.off' });
  const parsed = dayAndTime('nudges', args);
  if (isResult(parsed)) return parsed;
  if (parsed.day === 'sat' || parsed.day === 'sun')
    return usage('nudges', 'Nudges come on school days, Monday to Friday.');
  return ok({ name: 'nudges.set', day: parsed.day, time: parsed.time });
}

export function parseSnooze(rest: string): ParseResult {
  const args = words(rest);
  const number = readWholeNumber(args[0], 1, 99);
  const days = readWholeNumber(args[1], 1, 90);
  if (number === undefined || days === undefined || args.length !== 2)
    return usage('snooze', 'Give the goal number and from 1 to 90 days.');
  return ok({ name: 'snooze', number, days });
}

export function parseGoals(rest: string): ParseResult {
  if (!rest) return ok({ name: 'goals.list', all: false });
  return rest.toLowerCase() === 'all'
    ? ok({ name: 'goals.list', all: true })
    : usage('goals', '`goals` takes nothing after it, or `all`.');
}
