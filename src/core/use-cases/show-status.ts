import type { Context } from '../context.js';
import { DomainError } from '../errors.js';
import type { Community } from '../model.js';
import { startsBetween } from '../schedules/schedule.js';
import { PROTOCOLS } from '../protocols/protocol.js';
import { statusMessage, type StatusInput } from '../status-message.js';
import { describeMidweek } from './prompts/midweek.js';
import { describeRhythm } from './schedules/set-schedule.js';

/** How far ahead the next scheduled start is looked for: past the longest school break. */
const LOOK_AHEAD_MS = 120 * 86_400_000;

const distinct = (names: readonly { memberId: number; memberName: string }[]) => [
  ...new Map(names.map((n) => [n.memberId, n.memberName])).values(),
];

/** Who answered the open session, by name, in the order they first did: in its phase, and in all of it. */
async function answered(ctx: Context, community: Community): Promise<StatusInput['session']> {
  const { store } = ctx.deps;
  const session = await store.sessions.findOpen(community.id);
  if (!session || session.phase === 'closed') return null;
  const run = await store.protocols.find(session.id);
  const step = run ? PROTOCOLS[run.protocol].steps[run.step] : undefined;
  if (run && step) {
    const presenter =
      run.presenterId === null ? undefined : (await store.members.names([run.presenterId])).get(run.presenterId);
    const { title, steps } = PROTOCOLS[run.protocol];
    return {
      phase: session.phase,
      topic: session.topic,
      inPhase: [],
      inSession: [],
      protocol: {
        title,
        step: step.name,
        index: run.step + 1,
        of: steps.length,
        presenter: presenter ?? 'the presenter',
      },
    };
  }
  const [checkins, reflections] = await Promise.all([
    store.checkins.listForSession(session.id),
    store.reflections.listForSession(session.id),
  ]);
  const opening = checkins.filter((c) => c.phase === 'opening');
  const closing = checkins.filter((c) => c.phase === 'closing');
  const inPhase = session.phase === 'opening' ? opening : session.phase === 'closing' ? closing : reflections;
  return {
    phase: session.phase,
    topic: session.topic,
    inPhase: distinct(inPhase),
    inSession: distinct([...opening, ...reflections, ...closing]),
  };
}

/** The settings part of `status`: the schedule with its next start, the mid-week prompt, the facilitators. */
export async function circleSettings(
  ctx: Pick<Context, 'deps'>,
  community: Community,
): Promise<Omit<StatusInput, 'session' | 'communityName'>> {
  const { store, now } = ctx.deps;
  const [plan, facilitators, closures] = await Promise.all([
    store.communities.settings(community.id),
    store.communities.facilitators(community.id),
    store.calendar.closures(community.workspaceId),
  ]);
  const timeZone = plan?.community.timeZone ?? community.timeZone;
  const schedule = plan?.schedule ?? null;
  const next = schedule
    ? (startsBetween({ schedule, timeZone, from: now, to: new Date(now.getTime() + LOOK_AHEAD_MS), closures })[0] ??
      null)
    : null;
  return {
    timeZone,
    schedule: schedule ? { rhythm: describeRhythm(schedule, timeZone), next, reminder: schedule.remind } : null,
    midweek: plan?.midweek ? describeMidweek(plan.midweek, timeZone) : null,
    facilitators: facilitators.map((f) => f.name),
  };
}

/** `status`: anyone in a circle's channel sees where it stands. */
export async function showStatus(ctx: Context): Promise<void> {
  const { community } = ctx;
  if (!community) {
    throw new DomainError(
      'NotACommunity',
      ctx.incoming.channel.isDirect
        ? "`status` shows where a circle stands: its session, who has answered, its schedule and facilitators. Run it in the circle's channel."
        : "This channel isn't a community yet, so there is nothing to show. A facilitator can run `setup` here to make it one.",
    );
  }
  const [session, settings] = await Promise.all([answered(ctx, community), circleSettings(ctx, community)]);
  // The names are of answers already public in the circle's thread: nothing private of the asker.
  await ctx.tellPrivately({
    ...statusMessage({ communityName: community.name, session, ...settings }),
    revealsNothingPrivate: true,
  });
}
