import type { Context } from '../../context.js';
import { DomainError } from '../../errors.js';
import { buildMemberExport, describeMemberData } from '../../export/member-export.js';

/** `export`: the member's own data, handed to them privately; an audit row says it happened. */
export async function exportMyData(ctx: Context): Promise<void> {
  const { chat, store, now } = ctx.deps;
  if (!chat.sendFiles) {
    throw new DomainError(
      'NotAvailableYet',
      '`export` is not available on this platform yet. Ask an admin to send you your data meanwhile.',
    );
  }
  const data = await store.dataRights.memberData(ctx.member.id);
  const files = buildMemberExport(data, now);
  const counts = describeMemberData(data);
  await chat.sendFiles({ workspace: ctx.here.workspace, user: ctx.member.externalId }, files, {
    text: `Here is everything Mentor Circle keeps of yours: ${counts}. The JSON file holds all of it; the CSV file lists your goals for a spreadsheet.`,
    sections: ['Only you received these files. `forget-me` deletes all of it, if you wish.'],
  });
  await store.dataRights.audit({
    workspaceId: ctx.workspace.id,
    actorMemberId: ctx.member.id,
    action: 'member exported own data',
    at: now,
  });
  if (!ctx.incoming.channel.isDirect)
    await ctx.tellPrivately({ text: 'I have sent your data to you in a direct message.' });
}
