import { DateTime } from 'luxon';
import type { Context } from '../context.js';
import { startsBetween } from '../schedules/schedule.js';
import { describeProgress, MAX_ACTIVE_GOALS } from '../goals/goal.js';
import type { Button, Message } from '../messages.js';
import { shorten } from '../text/graphemes.js';
import type { Mentor } from '../mentoring/mentor.js';
import { termEnd } from '../mentoring/rotation.js';
import { lessonTime, type Visit } from '../visits/visit.js';
import { zoneOf } from '../time/zone-of.js';
import { PROTOCOLS } from '../protocols/protocol.js';
import { workspaceZone } from '../time/zone-of.js';

const RECENT_CHECKINS = 5;
const QUOTE_LENGTH = 200;
const MAX_SESSION_BUTTONS = 5;

/** How far ahead the page looks for a community's next scheduled session. */
const LOOK_AHEAD_MS = 62 * 86_400_000;

const quote = (text: string) => shorten(text, QUOTE_LENGTH);

/** One-on-one help: how to ask, and, for a mentor, where they stand. */
function mentoringLine(mentors: number, asMentor: Mentor | null, now: Date, termEndsOn: string | null): string {
  const ask = mentors
    ? `One-on-one help: \`ask <what you need>\` introduces you privately to a mentor whose topics fit (${mentors === 1 ? 'one mentor' : `${mentors} mentors`} here; \`mentors\` lists them).`
    : 'One-on-one help: once an admin names mentors, `ask <what you need>` introduces you privately to one whose topics fit.';
  // Admins choose next term's mentors: the term's end is theirs to see (and move) from here.
  const term = termEndsOn ? `\nMentor terms end on ${termEndsOn}: \`rotation\` shows who is named for next term.` : '';
  if (!asMentor) return `${ask}${term}`;
  const away =
    asMentor.awayUntil !== null && asMentor.awayUntil > now
      ? ' You are on a break from asks (`mentor back` ends it).'
      : '';
  return `${ask}\nYou mentor on: ${asMentor.topics.length ? asMentor.topics.join(', ') : 'any topic'}, up to ${asMentor.perWeek} asks a week.${away}${term}`;
}

/** Classroom visits: how to ask, and the next one coming, in the person's own zone. */
function visitsLine(upcoming: readonly Visit[], zone: string): string {
  const how =
    'Classroom visits: `visit @colleague <day> <time> [focus]` asks to watch a lesson; `invite` or `model` asks them to watch yours.';
  const [next] = upcoming;
  if (!next) return how;
  return `${how}\nNext: ${lessonTime(next.at, zone)}${upcoming.length > 1 ? ` and ${upcoming.length - 1} more` : ''} (\`visits\` lists them).`;
}

/** The person's own page: their communities and any session open in them, and what they last shared. */
export async function showHome(ctx: Context): Promise<void> {
  const { store } = ctx.deps;
  const memberships = await store.communities.listForMember(ctx.member.id);
  const open = await Promise.all(memberships.map(({ community }) => store.sessions.findOpen(community.id)));
  const runs = await Promise.all(open.map(async (session) => (session ? store.protocols.find(session.id) : null)));
  const recent = await store.checkins.recentForMember(ctx.member.id, RECENT_CHECKINS);
  const goals = await store.goals.listActive(ctx.member.id);
  const closures = await store.calendar.closures(ctx.workspace.id);
  const [mentors, asMentor] = await Promise.all([
    store.mentors.list(ctx.workspace.id),
    store.mentors.find(ctx.workspace.id, ctx.member.id),
  ]);
  const now = ctx.deps.now;
  const termEndsOn =
    ctx.member.isAdmin && mentors.length
      ? termEnd({
          state: await store.rotation.state(ctx.workspace.id),
          closures,
          zone: workspaceZone(ctx.workspace),
          now,
        }).endsOn
      : null;
  const visits = await store.visits.upcoming(ctx.member.id, now);
  // A community with no session open shows when its next scheduled one starts, in its own zone.
  const next = await Promise.all(
    memberships.map(async ({ community }) => {
      const schedule = await store.communities.schedule(community.id);
      if (!schedule) return null;
      const [start] = startsBetween({
        schedule,
        timeZone: community.timeZone,
        from: now,
        to: new Date(now.getTime() + LOOK_AHEAD_MS),
        closures,
      });
      return start ? DateTime.fromJSDate(start).setZone(community.timeZone).toFormat('ccc d LLL, HH:mm') : null;
    }),
  );

  const communityLines = memberships.map(({ community, isFacilitator }, index) => {
    const session = open[index];
    const role = isFacilitator ? ' (you facilitate)' : '';
    const upcoming = next[index];
    const run = runs[index];
    const step = run ? PROTOCOLS[run.protocol].steps[run.step] : undefined;
    const state =
      run && step && session
        ? `${PROTOCOLS[run.protocol].title.toLowerCase()} under way: ${step.name}, in its thread`
        : session && session.phase !== 'closed'
          ? `a session is open: ${session.phase === 'reflection' ? 'reflection' : `${session.phase} check-in`}`
          : upcoming
            ? `next session ${upcoming}`
            : 'no session open';
    return `• ${community.name}${role}: ${state}`;
  });
  const sessionButtons: Button[] = memberships.flatMap(({ community }, index) => {
    const session = open[index];
    if (!session || session.phase === 'closed' || runs[index]) return [];
    const label =
      session.phase === 'reflection' ? `Reflect in ${community.name}` : `Share what's working in ${community.name}`;
    return [
      {
        label,
        action: { kind: 'checkin.form', sessionId: session.id, phase: session.phase },
        style: 'primary' as const,
      },
    ];
  });
  // Teams shows at most six actions on a card: five sessions and "Set a goal"; the rest by words.
  const buttons = sessionButtons.slice(0, MAX_SESSION_BUTTONS);
  const moreOpen = sessionButtons.length - buttons.length;

  const view: Message = {
    text: `Mentor Circle, for ${ctx.member.name}`,
    sections: [
      memberships.length
        ? ['Your communities', ...communityLines].join('\n')
        : "You are not in a community yet. In your community's channel, a facilitator types `setup` to start one.",
      goals.length
        ? ['Your goals', ...goals.map((goal) => `${goal.number}. ${describeProgress(goal)}`)].join('\n')
        : 'No goals going right now. `goal` sets one up: something small you can count.',
      recent.length
        ? ['What you shared lately', ...recent.map((c) => `• ${c.communityName}, ${c.phase}: ${quote(c.text)}`)].join(
            '\n',
          )
        : 'What you share in check-ins will show here.',
      mentoringLine(mentors.length, asMentor, now, termEndsOn),
      visitsLine(visits, zoneOf(ctx.member, ctx.workspace)),
      'Sessions open and close with what is working. Reply in a session thread, or use `checkin`; `help` lists the commands.',
      ...(memberships.some(({ isFacilitator }) => isFacilitator)
        ? [
            "Critical friends: `start tuning <topic> @presenter` or `start consultancy <dilemma> @presenter` runs a protocol on a colleague's work or dilemma, step by step; the presenter gets the questions and feedback privately.",
          ]
        : []),
      ...(moreOpen > 0
        ? [
            `${moreOpen} more ${moreOpen === 1 ? 'session is' : 'sessions are'} open: \`checkin\` in ${moreOpen === 1 ? 'its' : 'their'} channel answers there.`,
          ]
        : []),
    ],
    // Setting a goal is the other thing people come here to do; three active goals is the most.
    buttons: [
      ...buttons,
      ...(goals.length < MAX_ACTIVE_GOALS ? [{ label: 'Set a goal', action: { kind: 'goal.form' as const } }] : []),
    ],
  };
  await ctx.deps.chat.publishHome({ workspace: ctx.here.workspace, user: ctx.incoming.user.externalId }, view);
}
