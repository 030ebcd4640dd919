import type { Context } from '../context.js';
import { describeProgress } from '../goals/goal.js';
import type { Button, Message } from '../messages.js';

const RECENT_CHECKINS = 5;
const QUOTE_LENGTH = 200;

const quote = (text: string) => (text.length > QUOTE_LENGTH ? `${text.slice(0, QUOTE_LENGTH - 1)}…` : text);

/** The person's own page: their communities and any session open in them, and what they last shared. */
export async function showHome(ctx: Context): Promise<void> {
  const { store } = ctx.deps;
  const memberships = await store.communities.listForMember(ctx.member.id);
  const open = await Promise.all(memberships.map(({ community }) => store.sessions.findOpen(community.id)));
  const recent = await store.checkins.recentForMember(ctx.member.id, RECENT_CHECKINS);
  const goals = await store.goals.listActive(ctx.member.id);

  const communityLines = memberships.map(({ community, isFacilitator }, index) => {
    const session = open[index];
    const role = isFacilitator ? ' (you facilitate)' : '';
    const now = session && session.phase !== 'closed' ? `a session is open: ${session.phase === 'reflection' ? 'reflection' : `${session.phase} check-in`}` : 'no session open';
    return `• ${community.name}${role}: ${now}`;
  });
  const buttons: Button[] = memberships.flatMap(({ community }, index) => {
    const session = open[index];
    if (!session || session.phase === 'closed') return [];
    const label = session.phase === 'reflection' ? `Reflect in ${community.name}` : `Share what's working in ${community.name}`;
    return [{ label, action: { kind: 'checkin.form', sessionId: session.id, phase: session.phase }, style: 'primary' as const }];
  });

  const view: Message = {
    text: `Mentor Circle, for ${ctx.member.name}`,
    sections: [
      memberships.length
        ? ['Your communities', ...communityLines].join('\n')
        : 'You are not in a community yet. In your community\'s channel, a facilitator types `setup` to start one.',
      goals.length
        ? ['Your goals', ...goals.map((goal, index) => `${index + 1}. ${describeProgress(goal)}`)].join('\n')
        : 'No goals going right now. `goal` sets one up: something small you can count.',
      recent.length
        ? ['What you shared lately', ...recent.map((c) => `• ${c.communityName}, ${c.phase}: ${quote(c.text)}`)].join('\n')
        : 'What you share in check-ins will show here.',
      'Sessions open and close with what is working. Reply in a session thread, or use `checkin`; `help` lists the commands.',
    ],
    ...(buttons.length ? { buttons } : {}),
  };
  await ctx.deps.chat.publishHome({ workspace: ctx.here.workspace, user: ctx.incoming.user.externalId }, view);
}
