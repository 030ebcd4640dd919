import type { Session } from '../../core/model.js';
import type { SessionRepo } from '../../core/ports/sessions.js';
import type { Executor } from './executor.js';

const columns = [
  'sessions.id',
  'sessions.community_id',
  'sessions.phase',
  'sessions.topic',
  'sessions.channel_id',
  'sessions.root_message_id',
  'sessions.opened_at',
  'sessions.closed_at',
] as const;

export function sessionRepo(db: Executor): SessionRepo {
  const inWorkspace = (workspaceId: number) =>
    db
      .selectFrom('sessions')
      .innerJoin('communities', 'communities.id', 'sessions.community_id')
      .select(columns)
      .where('communities.workspace_id', '=', workspaceId);

  return {
    async findOpen(communityId) {
      const row = await db
        .selectFrom('sessions')
        .select(columns)
        .where('community_id', '=', communityId)
        .where('closed_at', 'is', null)
        .executeTakeFirst();
      return row ? toSession(row) : null;
    },

    async findByThread(workspaceId, channelId, rootMessageId) {
      const row = await inWorkspace(workspaceId)
        .where('sessions.channel_id', '=', channelId)
        .where('sessions.root_message_id', '=', rootMessageId)
        .executeTakeFirst();
      return row ? toSession(row) : null;
    },

    async find(workspaceId, sessionId) {
      const row = await inWorkspace(workspaceId).where('sessions.id', '=', sessionId).executeTakeFirst();
      return row ? toSession(row) : null;
    },

    async open({ communityId, channelId, topic, openedBy, at, scheduledFor }) {
      // Partial unique indexes allow one open session per community and one per scheduled time;
      // losing either race is not an error.
      const row = await db
        .insertInto('sessions')
        .values({
          community_id: communityId,
          channel_id: channelId,
          topic,
          opened_by: openedBy,
          opened_at: at,
          phase: 'opening',
          scheduled_for: scheduledFor ?? null,
        })
        .onConflict((oc) => oc.doNothing())
        .returning(['id', 'community_id', 'phase', 'topic', 'channel_id', 'root_message_id', 'opened_at', 'closed_at'])
        .executeTakeFirst();
      return row ? toSession(row) : null;
    },

    async openedBefore(before, limit) {
      const rows = await db
        .selectFrom('sessions')
        .select(columns)
        .where('closed_at', 'is', null)
        .where('opened_at', '<', before)
        .orderBy('opened_at')
        .limit(limit)
        .execute();
      return rows.map(toSession);
    },

    async withPlace(sessionId) {
      const row = await db
        .selectFrom('sessions')
        .innerJoin('communities', 'communities.id', 'sessions.community_id')
        .innerJoin('workspaces', 'workspaces.id', 'communities.workspace_id')
        .select(columns)
        .select([
          'communities.name as community_name',
          'communities.time_zone as community_time_zone',
          'communities.workspace_id',
          'workspaces.platform',
          'workspaces.external_id as workspace_external_id',
          'workspaces.name as workspace_name',
          'workspaces.time_zone as workspace_time_zone',
        ])
        .where('sessions.id', '=', sessionId)
        .executeTakeFirst();
      if (!row) return null;
      return {
        session: toSession(row),
        community: {
          id: row.community_id,
          workspaceId: row.workspace_id,
          channelId: row.channel_id,
          name: row.community_name,
          timeZone: row.community_time_zone,
        },
        workspace: {
          id: row.workspace_id,
          platform: row.platform,
          externalId: row.workspace_external_id,
          name: row.workspace_name,
          timeZone: row.workspace_time_zone,
        },
      };
    },

    async previousClosedAt(communityId, before) {
      const row = await db
        .selectFrom('sessions')
        .select('closed_at')
        .where('community_id', '=', communityId)
        .where('closed_at', 'is not', null)
        .where('opened_at', '<', before)
        .orderBy('closed_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row?.closed_at ?? null;
    },

    async openedBetween(communityId, from, to) {
      const row = await db
        .selectFrom('sessions')
        .select('id')
        .where('community_id', '=', communityId)
        .where('opened_at', '>=', from)
        .where('opened_at', '<=', to)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    async setRootMessage(sessionId, messageId) {
      await db.updateTable('sessions').set({ root_message_id: messageId }).where('id', '=', sessionId).execute();
    },

    async movePhase(sessionId, from, to, at) {
      const result = await db
        .updateTable('sessions')
        .set({ phase: to, closed_at: to === 'closed' ? at : null })
        .where('id', '=', sessionId)
        .where('phase', '=', from)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },
  };
}

function toSession(row: {
  id: number;
  community_id: number;
  phase: Session['phase'];
  topic: string | null;
  channel_id: string;
  root_message_id: string | null;
  opened_at: Date;
  closed_at: Date | null;
}): Session {
  return {
    id: row.id,
    communityId: row.community_id,
    phase: row.phase,
    topic: row.topic,
    channelId: row.channel_id,
    rootMessageId: row.root_message_id,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
  };
}
