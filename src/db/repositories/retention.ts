import { SESSION_POST } from '../../core/session-posts.js';
import { sql } from 'kysely';
import type { DataRightsRepo } from '../../core/ports/data-rights.js';
import { PURGE_AFTER_DAYS } from './installations.js';
import type { Executor } from './executor.js';

// What is kept only for a time: texts past a workspace's retention period, uninstalled workspaces,
// settled deliveries and expired export links.

/** The instant before which a workspace's texts are past its retention period. */
const cutoff = (now: Date) => sql<Date>`${now}::timestamptz - make_interval(months => workspaces.retention_months)`;

const affected = (result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }[]) =>
  result.reduce((sum, r) => sum + Number(r.numUpdatedRows ?? r.numDeletedRows ?? 0n), 0);

type Retention = Pick<
  DataRightsRepo,
  'applyRetention' | 'purgeUninstalled' | 'pruneEventPayloads' | 'deleteOldDeliveries' | 'deleteExpiredExports'
>;

export function retentionRepo(db: Executor): Retention {
  return {
    async applyRetention(now) {
      // One set-based update per table, each workspace with its own period.
      const checkins = await db
        .updateTable('checkins')
        .from('sessions')
        .innerJoin('communities', 'communities.id', 'sessions.community_id')
        .innerJoin('workspaces', 'workspaces.id', 'communities.workspace_id')
        .set({ text: null })
        .whereRef('sessions.id', '=', 'checkins.session_id')
        .where('checkins.text', 'is not', null)
        .where('checkins.updated_at', '<', cutoff(now))
        .execute();
      const reflections = await db
        .updateTable('reflections')
        .from('prompt_posts')
        .innerJoin('communities', 'communities.id', 'prompt_posts.community_id')
        .innerJoin('workspaces', 'workspaces.id', 'communities.workspace_id')
        .set({ text: null })
        .whereRef('prompt_posts.id', '=', 'reflections.prompt_post_id')
        .where('reflections.text', 'is not', null)
        .where('reflections.updated_at', '<', cutoff(now))
        .execute();
      // A goal counts from when it ended; one still active, from when it was set.
      const goals = await db
        .updateTable('goals')
        .from('workspaces')
        .set({ specific: null, measure: null, unit: null, first_step: null, relevance: null })
        .whereRef('workspaces.id', '=', 'goals.workspace_id')
        .where('goals.specific', 'is not', null)
        .where(sql<Date>`coalesce(goals.ended_at, goals.created_at)`, '<', cutoff(now))
        .execute();
      const goalUpdates = await db
        .updateTable('goal_updates')
        .from('goals')
        .innerJoin('workspaces', 'workspaces.id', 'goals.workspace_id')
        .set({ note: null })
        .whereRef('goals.id', '=', 'goal_updates.goal_id')
        .where('goal_updates.note', 'is not', null)
        .where('goal_updates.created_at', '<', cutoff(now))
        .execute();
      // Protocol replies are texts kept for a presenter's summary, sent when the protocol ended: past
      // the period they go whole.
      await sql`
        delete from protocol_entries using sessions, communities, workspaces
        where sessions.id = protocol_entries.session_id and communities.id = sessions.community_id
          and workspaces.id = communities.workspace_id and protocol_entries.created_at < ${cutoff(now)}`.execute(db);
      // Suggestions to leaders are texts and nothing else: past the period they go whole.
      await db
        .deleteFrom('suggestions')
        .using('workspaces')
        .whereRef('workspaces.id', '=', 'suggestions.workspace_id')
        .where('suggestions.created_at', '<', cutoff(now))
        .execute();
      // An ask's words count from when it was asked; the asker's follow-up, from when they wrote it.
      const asks = await sql`
        update asks set text = null, when_suits = null,
          follow_up = case when asks.follow_up_at < ${cutoff(now)} then null else asks.follow_up end
        from workspaces
        where workspaces.id = asks.workspace_id and asks.created_at < ${cutoff(now)}
          and (asks.text is not null or asks.when_suits is not null or (asks.follow_up is not null and asks.follow_up_at < ${cutoff(now)}))`.execute(
        db,
      );
      // A visit's texts (the focus, the notes, the reflection) count from the lesson; the visit stays.
      const visits = await sql`
        update visits set focus = null, notes = null, reflection = null
        from workspaces
        where workspaces.id = visits.workspace_id and visits.at < ${cutoff(now)}
          and (visits.focus is not null or visits.notes is not null or visits.reflection is not null)`.execute(db);
      return {
        checkins: affected(checkins),
        reflections: affected(reflections),
        goals: affected(goals),
        goalUpdates: affected(goalUpdates),
        asks: Number(asks.numAffectedRows ?? 0n),
        visits: Number(visits.numAffectedRows ?? 0n),
      };
    },

    async purgeUninstalled(now) {
      const due = await db
        .selectFrom('workspaces')
        .select(['id', 'platform', 'external_id'])
        .where('purge_after', '<=', now)
        .where('uninstalled_at', 'is not', null)
        .execute();
      for (const workspace of due) {
        // Stored events name their workspace only inside the payload.
        await db
          .deleteFrom('event_receipts')
          .where('platform', '=', workspace.platform)
          .where(sql<boolean>`payload -> 'incoming' -> 'workspace' ->> 'externalId' = ${workspace.external_id}`)
          .execute();
        // Everything else hangs off the workspace row (on delete cascade).
        await db
          .deleteFrom('workspaces')
          .where('id', '=', workspace.id)
          .where('uninstalled_at', 'is not', null)
          .execute();
        await db
          .insertInto('audit')
          .values({
            workspace_id: null,
            actor_member_id: null,
            action: `workspace purged ${PURGE_AFTER_DAYS} days after uninstall`,
            subject: `${workspace.platform}:${workspace.external_id}`,
            at: now,
          })
          .execute();
      }
      return due.length;
    },

    async pruneEventPayloads(before) {
      const result = await db
        .updateTable('event_receipts')
        .set({ payload: null })
        .where('payload', 'is not', null)
        // Settled (handled or failed), or never settled and long past any replay: nothing reads the words again.
        .where((eb) =>
          eb.or([eb('handled_at', '<', before), eb('failed_at', '<', before), eb('received_at', '<', before)]),
        )
        .execute();
      // An answer repeated in its session's thread is carried by its outbox item until it is posted.
      const posted = await sql`
        update outbox set payload = payload - 'text'
        where payload ? 'text' and kind = ${SESSION_POST} and (sent_at < ${before} or failed_at < ${before})`.execute(
        db,
      );
      return affected(result) + Number(posted.numAffectedRows ?? 0n);
    },

    async deleteOldDeliveries(before) {
      // Receipts older than any platform's retry window, and messages sent or given up on long ago:
      // their ids and keys guard nothing any more (no plan makes a key for a past that far back).
      const receipts = await db.deleteFrom('event_receipts').where('received_at', '<', before).execute();
      const outbox = await db
        .deleteFrom('outbox')
        .where((eb) => eb.or([eb('sent_at', '<', before), eb('failed_at', '<', before)]))
        .execute();
      return { receipts: affected(receipts), outbox: affected(outbox) };
    },

    async deleteExpiredExports(now) {
      const result = await db.deleteFrom('export_links').where('expires_at', '<=', now).execute();
      return affected(result);
    },
  };
}
