import type { Context } from '../../context.js';
import { DomainError, FORGED_BUTTON } from '../../errors.js';
import type { Form } from '../../messages.js';
import { MAX_SUGGESTION_LENGTH } from '../../mentoring/suggestion.js';

// `suggest`: a mentor or facilitator tells school leaders what they see. It is the one text written
// for leaders: it goes into the next weekly digest, unattributed unless the sender puts their name to it.

const NOT_A_SENDER =
  'Suggestions to school leaders come from mentors and facilitators. If you have one, a facilitator of your circle can pass it on.';

async function requireSender(ctx: Context): Promise<void> {
  const { store } = ctx.deps;
  if (await store.mentors.find(ctx.workspace.id, ctx.member.id)) return;
  if ((await store.communities.listForMember(ctx.member.id)).some((m) => m.isFacilitator)) return;
  throw new DomainError('NotMentor', NOT_A_SENDER);
}

function suggestionForm(): Form {
  return {
    kind: 'suggestion',
    title: 'Suggest to leaders',
    intro:
      'It goes to school leaders in the next weekly digest, in your words, without your name unless you tick the box.',
    submitLabel: 'Send',
    fields: [
      {
        kind: 'text',
        name: 'text',
        label: 'What would you suggest?',
        multiline: true,
        maxLength: MAX_SUGGESTION_LENGTH,
        hint: 'For example: a shared planning period for grade 3 would help the new teachers most',
      },
      { kind: 'checkbox', name: 'named', label: 'Put my name to it' },
    ],
    context: {},
    showsTheirOwn: true,
  };
}

export async function suggest(ctx: Context, text: string | undefined): Promise<void> {
  await requireSender(ctx);
  if (text === undefined) {
    await ctx.deps.chat.openForm(
      {
        ...ctx.here,
        user: ctx.incoming.user.externalId,
        ...(ctx.incoming.trigger ? { trigger: ctx.incoming.trigger } : {}),
      },
      suggestionForm(),
    );
    return;
  }
  await record(ctx, text, false);
}

export async function submitSuggestion(ctx: Context, text: string, named: boolean): Promise<void> {
  await requireSender(ctx);
  await record(ctx, text, named);
}

async function record(ctx: Context, written: string, named: boolean): Promise<void> {
  const text = written.trim();
  if ([...text].length > MAX_SUGGESTION_LENGTH) {
    throw new DomainError(
      'BadAsk',
      `A suggestion is at most ${MAX_SUGGESTION_LENGTH} characters, so nothing was sent. Say the heart of it; leaders can ask you for more.`,
    );
  }
  const { store, now } = ctx.deps;
  const id = await store.suggestions.add({ workspaceId: ctx.workspace.id, memberId: ctx.member.id, text, at: now });
  if (named) await store.suggestions.name(id, ctx.member.id);
  await ctx.tellPrivately(
    named
      ? { text: 'Thank you: it goes to school leaders in the next weekly digest, with your name.' }
      : {
          text: 'Thank you: it goes to school leaders in the next weekly digest, without your name.',
          buttons: [{ label: 'Put my name to it', action: { kind: 'suggest.name', suggestionId: id } }],
        },
  );
}

/** The button under an unnamed suggestion: only its sender may put their name to it. */
export async function nameSuggestion(ctx: Context, suggestionId: number): Promise<void> {
  if (!(await ctx.deps.store.suggestions.name(suggestionId, ctx.member.id))) {
    throw new DomainError('BadPayload', FORGED_BUTTON);
  }
  await ctx.tellPrivately({ text: 'Done: your name goes with it in the digest.' });
}
