import type { ParseResult } from './command.js';
import { dateProblem, dayAndTime, echo, isResult, ok, show, take, usage, withMeridiem, words } from './arguments.js';
import { readWholeNumber } from './words.js';
import { readDateWords, type DateReference } from './dates.js';

// When things happen: `schedule`, the prompt library and its weekly prompt, `remind`, the `digest`
// time and the school `calendar`.

export function parsePrompt(rest: string): ParseResult {
  const {
    words: [sub],
    rest: text,
  } = take(rest, 1);
  if (sub === undefined) return ok({ name: 'prompt.post' });
  if (sub.toLowerCase() === 'add')
    return text ? ok({ name: 'prompt.add', text }) : usage('prompt', 'Write the question after `prompt add`.');
  const change = sub.toLowerCase();
  if (change === 'retire' || change === 'restore') {
    const number = readWholeNumber(text, 1, 999);
    return number === undefined
      ? usage('prompt', 'Give the number `prompts` shows.')
      : ok({ name: `prompt.${change}`, number });
  }
  return usage('prompt');
}

export function parsePrompts(rest: string): ParseResult {
  const args = words(rest);
  const sub = args[0]?.toLowerCase();
  if (sub === undefined) return ok({ name: 'prompts.list' });
  if (sub === 'off' && args.length === 1) return ok({ name: 'prompts.off' });
  if (sub === 'weekly') {
    if (args.length === 1) return show('prompts.weekly');
    const parsed = dayAndTime('prompts', args.slice(1));
    return isResult(parsed) ? parsed : ok({ name: 'prompts.weekly', ...parsed });
  }
  return usage('prompts');
}

export function parseSchedule(rest: string): ParseResult {
  const args = withMeridiem(words(rest));
  const cadence = args[0]?.toLowerCase();
  if (cadence === undefined) return show('schedule');
  if (cadence === 'off' && args.length === 1) return ok({ name: 'schedule.off' });
  if (cadence !== 'weekly' && cadence !== 'biweekly' && cadence !== 'monthly') return usage('schedule');
  const parsed = dayAndTime('schedule', args.slice(1, 3));
  if (isResult(parsed)) return parsed;
  const length = args[3];
  if (args.length > 4) return usage('schedule');
  if (length === undefined) return ok({ name: 'schedule.set', cadence: cadence, ...parsed });
  const minutes = /^\d+m$/i.test(length) ? readWholeNumber(length.slice(0, -1), 30, 480) : undefined;
  if (minutes === undefined)
    return usage('schedule', `'${echo(length)}' isn't a length; write minutes from 30m to 480m, like 60m.`);
  return ok({ name: 'schedule.set', cadence: cadence, ...parsed, minutes });
}

export function parseDigest(rest: string): ParseResult {
  const args = words(rest);
  if (args.length === 0) return ok({ name: 'digest.preview' });
  const parsed = dayAndTime('digest', args);
  return isResult(parsed) ? parsed : ok({ name: 'digest.set', ...parsed });
}

/** `calendar remove <n|date>`: the number `calendar` shows, or a date in words the entry covers. */
function parseCalendarRemove(written: string, reference?: DateReference): ParseResult {
  const args = words(written);
  if (args.length === 0)
    return usage('calendar', 'Say which entry to remove: the number `calendar` shows, or a date it covers.');
  const number = args.length === 1 ? readWholeNumber(args[0], 1, 99_999) : undefined;
  if (number !== undefined) return ok({ name: 'calendar.remove', entry: { number } });
  const date = readDateWords(args, reference);
  if (date && date.used === args.length) return ok({ name: 'calendar.remove', entry: { date: date.date } });
  return usage('calendar', `'${echo(written)}' isn't a number \`calendar\` shows or a date I can read.`);
}

/** Dates may take several words (`dec 21`, `next monday`); the label is whatever follows them. */
export function parseCalendar(rest: string, reference?: DateReference): ParseResult {
  const {
    words: [sub],
    rest: afterSub,
  } = take(rest, 1);
  if (sub === undefined) return ok({ name: 'calendar.list' });
  if (sub.toLowerCase() === 'remove') return parseCalendarRemove(afterSub, reference);
  if (sub.toLowerCase() !== 'add') return usage('calendar');
  const args = words(afterSub);
  const from = readDateWords(args, reference);
  if (!from) return usage('calendar', dateProblem(args[0], 'The first date'));
  const to = readDateWords(args.slice(from.used), reference);
  const { rest: label } = take(afterSub, from.used + (to?.used ?? 0));
  if (to && to.date < from.date) return usage('calendar', 'The end date comes before the start date.');
  if (!label) return usage('calendar', 'Add a label, such as Winter break.');
  return ok({ name: 'calendar.add', from: from.date, to: to?.date ?? from.date, label });
}

export function parseRemind(rest: string): ParseResult {
  const when = rest.trim().toLowerCase();
  if (!when) return show('remind');
  return when === 'day-before' || when === 'off' ? ok({ name: 'remind', when }) : usage('remind');
}
