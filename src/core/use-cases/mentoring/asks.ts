import type { Context } from '../../context.js';
import { DomainError } from '../../errors.js';
import { answerBy } from '../../mentoring/answer-by.js';
import { ANSWER_WITHIN_SCHOOL_DAYS, MAX_ASK_LENGTH, type Ask, type Urgency } from '../../mentoring/ask.js';
import { askForm, followUpForm } from '../../mentoring/messages.js';
import { followUpItem, introductionItem } from '../../mentoring/sends.js';
import { commitWithMessages } from '../../session-flow.js';
import { zoneOf } from '../../time/zone-of.js';
import { escalate, leadersFor, routeAsk, routingFor } from './route-ask.js';

// Asking for help, and the answers to an ask. The asker's words go to the mentor it is offered to
// and nobody else; who passed is never told to anyone; every ask ends with an answer to the asker.

const NO_SUCH_ASK = 'That ask is not one I can find for you, so nothing was changed.';

const formOpener = (ctx: Context) => ({
  ...ctx.here,
  user: ctx.incoming.user.externalId,
  ...(ctx.incoming.trigger ? { trigger: ctx.incoming.trigger } : {}),
});

/** `ask` with words makes the ask; without, the form asks what, when and how soon. */
export async function askCommand(ctx: Context, text: string | undefined): Promise<void> {
  if (text === undefined) return ctx.deps.chat.openForm(formOpener(ctx), askForm(ctx.community?.id ?? null));
  await makeAsk(ctx, { text, whenSuits: null, urgency: null, communityId: ctx.community?.id ?? null });
}

/** The form's answers. The circle it names counts only if the asker is one of that circle. */
export async function submitAsk(
  ctx: Context,
  input: {
    text: string;
    when?: string | undefined;
    urgency?: Urgency | 'unsaid' | undefined;
    communityId?: number | undefined;
  },
): Promise<void> {
  let communityId = ctx.community?.id ?? null;
  if (
    communityId === null &&
    input.communityId !== undefined &&
    (await ctx.deps.store.communities.isMember(input.communityId, ctx.member.id))
  )
    communityId = input.communityId;
  const urgency = input.urgency === undefined || input.urgency === 'unsaid' ? null : input.urgency;
  await makeAsk(ctx, { text: input.text, whenSuits: input.when?.trim() || null, urgency, communityId });
}

async function makeAsk(
  ctx: Context,
  input: { text: string; whenSuits: string | null; urgency: Urgency | null; communityId: number | null },
): Promise<void> {
  const { store, now } = ctx.deps;
  const text = input.text.trim();
  if (!text)
    throw new DomainError('BadAsk', 'Write what you would like help with after `ask`, or use `ask` alone for a form.');
  if ([...text].length > MAX_ASK_LENGTH)
    throw new DomainError(
      'BadAsk',
      `That is longer than an ask can be (${MAX_ASK_LENGTH} characters). Say it shorter: the mentor will ask for the rest.`,
    );
  const zone = ctx.workspace.timeZone ?? zoneOf(ctx.member, ctx.workspace);
  const closures = await store.calendar.closures(ctx.workspace.id);
  const draft = { workspaceId: ctx.workspace.id, askerId: ctx.member.id, communityId: input.communityId };
  const routing = await routingFor(ctx.deps, draft);
  const result: { outcome: 'offered' | 'escalated' | 'moved-on' } = { outcome: 'moved-on' };
  await commitWithMessages(ctx, async (repos) => {
    const ask = await repos.asks.create({
      ...draft,
      text,
      whenSuits: input.whenSuits,
      urgency: input.urgency,
      answerBy: answerBy(now, zone, closures),
      at: now,
    });
    const routed = await routeAsk(repos, ask, routing, now);
    result.outcome = routed.outcome;
    return routed.items;
  });
  const leaders = routing.leaders.who;
  if (result.outcome === 'offered') {
    await ctx.tellPrivately({
      text: 'Thank you for asking. I have passed your ask to a mentor whose topics fit; only they see your words.',
      sections: [
        `When they take it I will introduce the two of you in a private chat. If no mentor can within ${ANSWER_WITHIN_SCHOOL_DAYS} school days, I will tell you.`,
      ],
    });
    return;
  }
  const passedOn =
    leaders === 'nobody'
      ? 'There is nobody I could pass it on to just now.'
      : `I have let your circle's ${leaders === 'facilitators' ? 'facilitators' : 'Mentor Circle admins'} know that someone would like help, without your words or your name; if one of them offers, I will introduce you.`;
  await ctx.tellPrivately({
    text: 'Thank you for asking. No mentor can take an ask just now (there may be none yet, or all are away or have a full week).',
    sections: [passedOn],
  });
}

/** The ask a button names, of this workspace; anything else is refused as a button not theirs. */
async function askOf(ctx: Context, askId: number): Promise<Ask> {
  const ask = await ctx.deps.store.asks.find(ctx.workspace.id, askId);
  if (!ask) throw new DomainError('NoSuchAsk', NO_SUCH_ASK);
  return ask;
}

/** A mentor's "I'll help" or "Not this time", on the offer the server holds for them. */
export async function answerOffer(ctx: Context, askId: number, answer: 'help' | 'pass'): Promise<void> {
  const { store, now } = ctx.deps;
  const ask = await askOf(ctx, askId);
  const waiting = await store.asks.waitingOffer(askId);
  if (!waiting || waiting.mentorId !== ctx.member.id) {
    const offers = await store.asks.offers(askId);
    if (!offers.some((offer) => offer.mentorId === ctx.member.id)) throw new DomainError('NoSuchAsk', NO_SUCH_ASK);
    const text =
      ask.status === 'taken' && ask.helperId === ctx.member.id
        ? 'You have taken this ask already; I introduced the two of you in a private chat.'
        : 'This ask has moved on already (answered, or passed to someone else), so nothing was changed. Thank you all the same.';
    throw new DomainError('AskMovedOn', text);
  }
  const routing = answer === 'pass' ? await routingFor(ctx.deps, ask) : null;
  let changed = false;
  await commitWithMessages(ctx, async (repos) => {
    if (!(await repos.asks.answerOffer(waiting.id, ctx.member.id, answer, now))) return [];
    changed = true;
    if (answer === 'help') {
      if (!(await repos.asks.take(askId, ctx.member.id, now))) return [];
      return [introductionItem(ask, now), followUpItem(ask, now)];
    }
    const passed = await repos.asks.byId(askId);
    return passed && routing ? (await routeAsk(repos, passed, routing, now)).items : [];
  });
  if (!changed) throw new DomainError('AskMovedOn', 'This ask has moved on already, so nothing was changed.');
  const names = await store.members.names([ask.askerId]);
  const asker = names.get(ask.askerId) ?? 'them';
  await ctx.tellPrivately(
    answer === 'help'
      ? { text: `Thank you. I have introduced you to ${asker} in a private chat.` }
      : { text: `Thanks for saying so. I will offer it elsewhere; ${asker} is not told who passed.` },
  );
}

/** A facilitator or admin takes an ask no mentor could; only one of them does. */
export async function takeAsLeader(ctx: Context, askId: number): Promise<void> {
  const { store, now } = ctx.deps;
  const ask = await askOf(ctx, askId);
  const leaders = await leadersFor(store, ask);
  if (!leaders.memberIds.includes(ctx.member.id)) throw new DomainError('NoSuchAsk', NO_SUCH_ASK);
  if (ask.status !== 'unanswered') {
    throw new DomainError(
      'AskMovedOn',
      ask.status === 'taken'
        ? 'Someone has already offered to help with this one. Thank you all the same.'
        : 'This ask is still with a mentor, so nothing was changed.',
    );
  }
  let taken = false;
  await commitWithMessages(ctx, async (repos) => {
    if (!(await repos.asks.take(askId, ctx.member.id, now))) return [];
    taken = true;
    return [introductionItem(ask, now), followUpItem(ask, now)];
  });
  if (!taken)
    throw new DomainError('AskMovedOn', 'Someone has already offered to help with this one. Thank you all the same.');
  await ctx.tellPrivately({
    text: 'Thank you. I have introduced you in a private chat: they will tell you there what they need.',
  });
}

/** The follow-up's button: the form, for the asker only. */
export async function openFollowUp(ctx: Context, askId: number): Promise<void> {
  const ask = await askOf(ctx, askId);
  if (ask.askerId !== ctx.member.id) throw new DomainError('NoSuchAsk', NO_SUCH_ASK);
  await ctx.deps.chat.openForm(formOpener(ctx), followUpForm(askId));
}

export async function submitFollowUp(ctx: Context, askId: number, text: string): Promise<void> {
  const ask = await askOf(ctx, askId);
  if (
    ask.askerId !== ctx.member.id ||
    !(await ctx.deps.store.asks.saveFollowUp(askId, ctx.member.id, text, ctx.deps.now))
  ) {
    throw new DomainError('NoSuchAsk', NO_SUCH_ASK);
  }
  await ctx.tellPrivately({ text: 'Kept, just for you. Thank you for looking back on it.' });
}

/** Time ran out (2 school days) with no mentor taking it: escalated, unless it moved on. */
export async function askDeadlineReached(scope: Pick<Context, 'deps'>, askId: number): Promise<void> {
  const { store, now } = scope.deps;
  const ask = await store.asks.byId(askId);
  if (!ask || ask.status !== 'open') return;
  const leaders = await leadersFor(store, ask);
  await commitWithMessages(scope, (repos) => escalate(repos, ask, leaders, now));
}
