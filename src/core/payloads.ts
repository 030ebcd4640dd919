import { z } from 'zod';
import { goalDraftSchema } from './goals/goal-form.js';
import type { Action } from './messages.js';
import { MAX_ASK_LENGTH, MAX_FOLLOW_UP_LENGTH, MAX_WHEN_LENGTH } from './mentoring/ask.js';
import { MAX_SUGGESTION_LENGTH } from './mentoring/suggestion.js';
import { MAX_NOTE_LENGTH, MAX_REFLECTION_LENGTH } from './visits/visit.js';

// Buttons and forms travel through the platform and come back as data anyone could forge, so they
// are parsed again here before the core acts on them.

const openPhase = z.enum(['opening', 'reflection', 'closing']);
const id = z.coerce.number().int().positive();

export const actionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('session.next'), sessionId: id, phase: openPhase }),
  z.object({ kind: z.literal('session.close'), sessionId: id, phase: openPhase }),
  z.object({ kind: z.literal('checkin.form'), sessionId: id, phase: openPhase }),
  z.object({
    kind: z.literal('goal.save'),
    draft: goalDraftSchema,
    reworks: id.optional(),
    communityId: id.optional(),
  }),
  z.object({
    kind: z.literal('goal.edit'),
    draft: goalDraftSchema,
    reworks: id.optional(),
    communityId: id.optional(),
  }),
  z.object({
    kind: z.literal('nudge.answer'),
    answer: z.enum(['on-track', 'stuck']),
    goalIds: z.array(id).min(1).max(10),
  }),
  z.object({ kind: z.literal('nudge.snooze'), goalIds: z.array(id).min(1).max(10) }),
  z.object({
    kind: z.literal('nudge.progress'),
    goalIds: z.array(id).min(1).max(10),
    step: z.literal(true).optional(),
  }),
  z.object({ kind: z.literal('goal.form') }),
  z.object({ kind: z.literal('forget.confirm') }),
  z.object({ kind: z.literal('goal.undo'), goalId: id }),
  z.object({ kind: z.literal('prompt.undo'), retirementId: id }),
  z.object({ kind: z.literal('admin.leave') }),
  z.object({ kind: z.literal('facilitator.leave'), communityId: id }),
  z.object({ kind: z.literal('ask.help'), askId: id }),
  z.object({ kind: z.literal('ask.pass'), askId: id }),
  z.object({ kind: z.literal('ask.take'), askId: id }),
  z.object({ kind: z.literal('ask.followup'), askId: id }),
  z.object({ kind: z.literal('pairs.met'), roundId: id, met: z.boolean() }),
  z.object({ kind: z.literal('suggest.name'), suggestionId: id }),
  z.object({ kind: z.literal('visit.accept'), visitId: id }),
  z.object({ kind: z.literal('visit.decline'), visitId: id }),
  z.object({ kind: z.literal('visit.cancel'), visitId: id }),
  z.object({ kind: z.literal('visit.notes'), visitId: id }),
  z.object({ kind: z.literal('visit.reflect'), visitId: id }),
  z.object({ kind: z.literal('protocol.next'), sessionId: id, step: z.coerce.number().int().min(0).max(20) }),
  z.object({ kind: z.literal('protocol.tone'), entryId: id, tone: z.enum(['warm', 'cool']) }),
]) satisfies z.ZodType<Action, unknown>;

const checkinSubmissionSchema = z.object({
  kind: z.literal('checkin'),
  // `phase` is what the form was drawn for; the answer counts for the session's phase as stored.
  context: z.object({ sessionId: id, phase: openPhase.optional() }),
  values: z.object({
    text: z.string(),
    // Platforms send tick boxes as booleans, 'true'/'false' or a list of ticked values.
    share: z
      .union([z.boolean(), z.enum(['true', 'false']), z.array(z.string())])
      .optional()
      .transform((value) => value === true || value === 'true' || (Array.isArray(value) && value.length > 0)),
  }),
});

const goalSubmissionSchema = z.object({
  kind: z.literal('goal'),
  context: z.object({ reworks: id.optional(), communityId: id.optional() }),
  // "By when?" may be typed in words where the form takes text (`in 6 weeks`, `dec 18`): read
  // against the teacher's today when it is submitted.
  values: goalDraftSchema.extend({ dueOn: z.string().trim().min(1).max(40) }),
});

const progressSubmissionSchema = z.object({
  kind: z.literal('progress'),
  values: z.object({
    goal: z.coerce.number().int().min(1).max(99),
    // `14` is the total so far; `+3` (or `-1`) changes the latest total, as in `progress 2 +3`.
    value: z
      .string()
      .trim()
      .regex(/^[+-]?\d{1,9}([.,]\d{1,4})?$/)
      .transform((v) => ({
        value: Number(v.replace('+', '').replace(',', '.')),
        mode: /^[+-]/.test(v) ? ('add' as const) : ('set' as const),
      })),
    note: z.string().trim().max(500).optional(),
  }),
});

const askSubmissionSchema = z.object({
  kind: z.literal('ask'),
  context: z.object({ communityId: id.optional() }),
  values: z.object({
    text: z.string().trim().min(1).max(MAX_ASK_LENGTH),
    // Platforms send an optional field left empty as nothing, null or ''.
    when: z
      .string()
      .trim()
      .max(MAX_WHEN_LENGTH)
      .nullish()
      .transform((v) => v || undefined),
    urgency: z
      .enum(['unsaid', 'today', 'this-week', 'no-rush'])
      .nullish()
      .transform((v) => v ?? undefined),
  }),
});

const askFollowUpSubmissionSchema = z.object({
  kind: z.literal('ask-follow-up'),
  context: z.object({ askId: id }),
  values: z.object({ text: z.string().trim().min(1).max(MAX_FOLLOW_UP_LENGTH) }),
});

const suggestionSubmissionSchema = z.object({
  kind: z.literal('suggestion'),
  values: z.object({
    text: z.string().trim().min(1).max(MAX_SUGGESTION_LENGTH),
    named: z
      .union([z.boolean(), z.enum(['true', 'false']), z.array(z.string())])
      .nullish()
      .transform((value) => value === true || value === 'true' || (Array.isArray(value) && value.length > 0)),
  }),
});

const optionalNote = z
  .string()
  .trim()
  .max(MAX_NOTE_LENGTH)
  .nullish()
  .transform((v) => v || undefined);

const visitNotesSubmissionSchema = z.object({
  kind: z.literal('visit-notes'),
  context: z.object({ visitId: id }),
  values: z.object({
    noticed: z.string().trim().min(1).max(MAX_NOTE_LENGTH),
    wondered: optionalNote,
    next: optionalNote,
  }),
});

const visitReflectionSubmissionSchema = z.object({
  kind: z.literal('visit-reflection'),
  context: z.object({ visitId: id }),
  values: z.object({ text: z.string().trim().min(1).max(MAX_REFLECTION_LENGTH) }),
});

/** Every form the bot draws, told apart by its `kind`, which each adapter sends back as drawn. */
export const formSubmissionSchema = z.discriminatedUnion('kind', [
  checkinSubmissionSchema,
  goalSubmissionSchema,
  progressSubmissionSchema,
  askSubmissionSchema,
  askFollowUpSubmissionSchema,
  suggestionSubmissionSchema,
  visitNotesSubmissionSchema,
  visitReflectionSubmissionSchema,
]);

export type FormSubmission = z.infer<typeof formSubmissionSchema>;
export type FormKind = FormSubmission['kind'];

const FORM_KINDS: ReadonlySet<unknown> = new Set<FormKind>(
  formSubmissionSchema.options.map((form) => form.shape.kind.value),
);

/** The kind a form says it is, when it is one the bot draws, whether or not the rest of it reads. */
export function formKindOf(payload: unknown): FormKind | undefined {
  const kind = (payload as { kind?: unknown } | null)?.kind;
  return FORM_KINDS.has(kind) ? (kind as FormKind) : undefined;
}

/** The presses that only draw a form: they change nothing, so they may be pressed again. */
export const DRAWS_A_FORM: ReadonlySet<Action['kind']> = new Set([
  'checkin.form',
  'goal.form',
  'goal.edit',
  'nudge.progress',
  'ask.followup',
  'visit.notes',
  'visit.reflect',
]);

const nonceSchema = z.object({ nonce: z.string().min(8).max(100) });

/** The nonce an adapter drew a button or form with; undefined when there is none (a forgery, or an old message). */
export function nonceOf(payload: unknown): string | undefined {
  const parsed = nonceSchema.safeParse(payload);
  return parsed.success ? parsed.data.nonce : undefined;
}
