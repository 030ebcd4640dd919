import { z } from 'zod';
import type { Form } from '../messages.js';
import type { GoalDraft } from './goal.js';
import { shorten } from '../text/graphemes.js';

// The SMART goal form, and the one parser for what comes back from it (or from a button carrying a
// draft), whichever platform it passed through.

// The coaching step's buttons carry the whole draft, and Slack takes at most 2,000 characters in a
// button: these limits keep a draft of nothing but quotes (each written twice in JSON) within it.
const LIMITS = { specific: 200, measure: 150, firstStep: 200, relevance: 250 } as const;

/** An earlier goal's words as a starting value: within today's limit, so the form still opens. */
const start = (value: string | null | undefined, limit: number) => (value ? { initial: shorten(value, limit) } : {});

export function goalForm(initial: Partial<GoalDraft>, context: Form['context']): Form {
  return {
    kind: 'goal',
    title: context.reworks ? 'Rework a goal' : 'A new goal',
    intro: 'Small, measurable steps work best. Your goals are yours: only you see them.',
    submitLabel: 'Save',
    fields: [
      {
        kind: 'text',
        name: 'specific',
        label: 'What will you do?',
        maxLength: LIMITS.specific,
        ...start(initial.specific, LIMITS.specific),
      },
      {
        kind: 'text',
        name: 'measure',
        label: 'How will you know? Something you can count',
        hint: 'For example: 20 read-alouds, or 3 small-group sessions a week',
        maxLength: LIMITS.measure,
        ...start(initial.measure, LIMITS.measure),
      },
      {
        kind: 'text',
        name: 'firstStep',
        label: 'Your first step',
        optional: true,
        maxLength: LIMITS.firstStep,
        ...start(initial.firstStep, LIMITS.firstStep),
      },
      {
        kind: 'text',
        name: 'relevance',
        label: 'Why it matters for your students',
        optional: true,
        multiline: true,
        maxLength: LIMITS.relevance,
        ...start(initial.relevance, LIMITS.relevance),
      },
      { kind: 'date', name: 'dueOn', label: 'By when?', ...(initial.dueOn ? { initial: initial.dueOn } : {}) },
      {
        kind: 'select',
        name: 'cadence',
        label: 'How often should I check in with you?',
        options: [
          { value: 'weekly', label: 'Every week' },
          { value: 'biweekly', label: 'Every two weeks' },
          { value: 'monthly', label: 'Every month' },
        ],
        initial: initial.cadence ?? 'weekly',
      },
      {
        kind: 'checkbox',
        name: 'celebrate',
        label: 'Celebrate with my community when I reach it',
        initial: initial.celebrate ?? false,
      },
    ],
    context,
  };
}

/** Control characters (but a line break) become spaces: they mean nothing in a goal, and each is six characters in a button. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const withoutControls = (value: string) => value.replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g, ' ');

const optionalText = (max: number) =>
  z
    .string()
    .transform(withoutControls)
    .pipe(z.string().trim().max(max))
    .nullish()
    .transform((value) => value || null);

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  // zod runs this even after the pattern failed, so a non-date must not reach toISOString (it throws).
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'not a real date');

const tick = z
  .union([z.boolean(), z.enum(['true', 'false']), z.array(z.string())])
  .optional()
  .transform((value) => value === true || value === 'true' || (Array.isArray(value) && value.length > 0));

export const goalDraftSchema = z.object({
  specific: z.string().transform(withoutControls).pipe(z.string().trim().min(1).max(LIMITS.specific)),
  measure: z.string().transform(withoutControls).pipe(z.string().trim().min(1).max(LIMITS.measure)),
  firstStep: optionalText(LIMITS.firstStep),
  relevance: optionalText(LIMITS.relevance),
  dueOn: isoDate,
  cadence: z.enum(['weekly', 'biweekly', 'monthly']).default('weekly'),
  celebrate: tick,
}) satisfies z.ZodType<GoalDraft, unknown>;
