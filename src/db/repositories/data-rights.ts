import { SESSION_POST } from '../../core/session-posts.js';
import { sql } from 'kysely';
import type { DataRightsRepo } from '../../core/ports/data-rights.js';
import type { ExportedMentoring } from '../../core/export/member-data.js';
import { PURGE_AFTER_DAYS } from './installations.js';
import type { Executor } from './executor.js';

/** The instant before which a workspace's texts are past its retention period. */
const cutoff = (now: Date) => sql<Date>`${now}::timestamptz - make_interval(months => workspaces.retention_months)`;

const affected = (result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }[]) =>
  result.reduce((sum, r) => sum + Number(r.numUpdatedRows ?? r.numDeletedRows ?? 0n), 0);

/**
 * Their mentoring: the mentor row, their own asks in full, and the asks they helped with as dates
 * only, since those words are the askers'.
 */
async function exportedMentoring(db: Executor, memberId: number): Promise<ExportedMentoring> {
  const [mentor, asks, helped, suggestions, pairings, nextTerm, visits] = await Promise.all([
    db
      .selectFrom('mentors')
      .leftJoin('communities', 'communities.id', 'mentors.community_id')
      .select(['communities.name', 'mentors.topics', 'mentors.per_week', 'mentors.away_until', 'mentors.created_at'])
      .where('mentors.member_id', '=', memberId)
      .executeTakeFirst(),
    db
      .selectFrom('asks')
      .select(['text', 'when_suits', 'urgency', 'status', 'created_at', 'taken_at', 'follow_up'])
      .where('asker_id', '=', memberId)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('asks')
      .select(['created_at', 'taken_at'])
      .where('helper_id', '=', memberId)
      .where('taken_at', 'is not', null)
      .orderBy('taken_at')
      .orderBy('id')
      .execute(),
    db.selectFrom('suggestions').select(['text', 'named', 'created_at']).where('member_id', '=', memberId).orderBy('created_at').orderBy('id').execute(),
    db
      .selectFrom('pair_members')
      .innerJoin('pair_rounds', 'pair_rounds.id', 'pair_members.round_id')
      .leftJoin('communities', 'communities.id', 'pair_rounds.community_id')
      .select(['communities.name', 'pair_rounds.at', 'pair_members.met'])
      .where('pair_members.member_id', '=', memberId)
      .orderBy('pair_rounds.at')
      .execute(),
    db.selectFrom('next_mentors').select(['topics', 'created_at']).where('member_id', '=', memberId).executeTakeFirst(),
    db
      .selectFrom('visits')
      .select(['kind', 'requester_id', 'at', 'status', 'focus', 'notes', 'reflection'])
      .where((eb) => eb.or([eb('requester_id', '=', memberId), eb('peer_id', '=', memberId)]))
      .orderBy('at')
      .orderBy('id')
      .execute(),
  ]);
  return {
    mentor: mentor ? { circle: mentor.name, topics: [...mentor.topics], perWeek: mentor.per_week, awayUntil: mentor.away_until, since: mentor.created_at } : null,
    asks: asks.map((ask) => ({
      text: ask.text,
      whenSuits: ask.when_suits,
      urgency: ask.urgency,
      status: ask.status,
      askedAt: ask.created_at,
      takenAt: ask.taken_at,
      followUp: ask.follow_up,
    })),
    helped: helped.flatMap((ask) => (ask.taken_at ? [{ askedAt: ask.created_at, takenAt: ask.taken_at }] : [])),
    suggestions: suggestions.map((s) => ({ text: s.text, named: s.named, at: s.created_at })),
    pairings: pairings.map((p) => ({ circle: p.name, at: p.at, met: p.met })),
    nextTerm: nextTerm ? { topics: [...nextTerm.topics], namedAt: nextTerm.created_at } : null,
    visits: visits.map((v) => {
      const youAsked = v.requester_id === memberId;
      // `visit`: the one who asked watches; `invite` and `model`: the one asked does.
      const youObserved = youAsked === (v.kind === 'visit');
      return { kind: v.kind, youAsked, youObserved, at: v.at, status: v.status, focus: v.focus, notes: v.notes ? [...v.notes] : null, reflection: youObserved ? null : v.reflection };
    }),
  };
}

export function dataRightsRepo(db: Executor): DataRightsRepo {
  return {
    async memberData(memberId) {
      const member = await db
        .selectFrom('members')
        .select(['display_name', 'time_zone', 'is_admin', 'created_at', 'nudges_enabled', 'nudge_day', 'nudge_minute'])
        .where('id', '=', memberId)
        .executeTakeFirstOrThrow();
      const [communities, checkins, reflections, goals, updates, mentoring, protocolReplies] = await Promise.all([
        db
          .selectFrom('community_members')
          .innerJoin('communities', 'communities.id', 'community_members.community_id')
          .select(['communities.name', 'community_members.is_facilitator', 'community_members.joined_at'])
          .where('community_members.member_id', '=', memberId)
          .orderBy('community_members.joined_at')
          .execute(),
        db
          .selectFrom('checkins')
          .innerJoin('sessions', 'sessions.id', 'checkins.session_id')
          .innerJoin('communities', 'communities.id', 'sessions.community_id')
          .select(['communities.name', 'sessions.topic', 'sessions.opened_at', 'checkins.phase', 'checkins.text', 'checkins.shared_with_leaders', 'checkins.updated_at'])
          .where('checkins.member_id', '=', memberId)
          .orderBy('checkins.created_at')
          .orderBy('checkins.id')
          .execute(),
        db
          .selectFrom('reflections')
          .innerJoin('prompt_posts', 'prompt_posts.id', 'reflections.prompt_post_id')
          .innerJoin('communities', 'communities.id', 'prompt_posts.community_id')
          .select(['communities.name', 'prompt_posts.prompt_text', 'reflections.text', 'reflections.updated_at'])
          .where('reflections.member_id', '=', memberId)
          .orderBy('reflections.created_at')
          .orderBy('reflections.id')
          .execute(),
        db
          .selectFrom('goals')
          .leftJoin('communities', 'communities.id', 'goals.community_id')
          .select([
            'goals.id',
            'communities.name as community',
            'goals.specific',
            'goals.measure',
            'goals.target',
            'goals.unit',
            'goals.first_step',
            'goals.relevance',
            'goals.due_on',
            'goals.cadence',
            'goals.status',
            'goals.reworks_goal_id',
            'goals.celebrate',
            'goals.created_at',
            'goals.ended_at',
          ])
          .where('goals.member_id', '=', memberId)
          .orderBy('goals.created_at')
          .orderBy('goals.id')
          .execute(),
        db
          .selectFrom('goal_updates')
          .innerJoin('goals', 'goals.id', 'goal_updates.goal_id')
          .select(['goal_updates.goal_id', 'goal_updates.value', 'goal_updates.note', 'goal_updates.created_at'])
          .where('goals.member_id', '=', memberId)
          .orderBy('goal_updates.created_at')
          .orderBy('goal_updates.id')
          .execute(),
        exportedMentoring(db, memberId),
        db
          .selectFrom('protocol_entries')
          .innerJoin('protocol_runs', 'protocol_runs.session_id', 'protocol_entries.session_id')
          .innerJoin('sessions', 'sessions.id', 'protocol_entries.session_id')
          .innerJoin('communities', 'communities.id', 'sessions.community_id')
          .select(['communities.name', 'protocol_runs.protocol', 'sessions.topic', 'protocol_entries.kind', 'protocol_entries.text', 'protocol_entries.created_at'])
          .where('protocol_entries.member_id', '=', memberId)
          .orderBy('protocol_entries.id')
          .execute(),
      ]);
      return {
        member: {
          name: member.display_name,
          timeZone: member.time_zone,
          isAdmin: member.is_admin,
          joinedAt: member.created_at,
          nudges: { enabled: member.nudges_enabled, day: member.nudge_day, minute: member.nudge_minute },
        },
        communities: communities.map((row) => ({ name: row.name, isFacilitator: row.is_facilitator, joinedAt: row.joined_at })),
        checkins: checkins.map((row) => ({
          community: row.name,
          sessionTopic: row.topic,
          sessionOpenedAt: row.opened_at,
          phase: row.phase,
          text: row.text,
          sharedWithLeaders: row.shared_with_leaders,
          at: row.updated_at,
        })),
        reflections: reflections.map((row) => ({ community: row.name, prompt: row.prompt_text, text: row.text, at: row.updated_at })),
        goals: goals.map((goal) => ({
          id: goal.id,
          community: goal.community,
          specific: goal.specific,
          measure: goal.measure,
          target: goal.target,
          unit: goal.unit,
          firstStep: goal.first_step,
          relevance: goal.relevance,
          dueOn: goal.due_on,
          cadence: goal.cadence,
          status: goal.status,
          reworksGoalId: goal.reworks_goal_id,
          celebrate: goal.celebrate,
          createdAt: goal.created_at,
          endedAt: goal.ended_at,
          updates: updates.filter((u) => u.goal_id === goal.id).map((u) => ({ value: u.value, note: u.note, at: u.created_at })),
        })),
        mentoring,
        protocolReplies: protocolReplies.map((row) => ({ community: row.name, protocol: row.protocol, topic: row.topic, kind: row.kind, text: row.text, at: row.created_at })),
      };
    },

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
      await db.deleteFrom('suggestions').using('workspaces').whereRef('workspaces.id', '=', 'suggestions.workspace_id').where('suggestions.created_at', '<', cutoff(now)).execute();
      // An ask's words count from when it was asked; the asker's follow-up, from when they wrote it.
      const asks = await sql`
        update asks set text = null, when_suits = null,
          follow_up = case when asks.follow_up_at < ${cutoff(now)} then null else asks.follow_up end
        from workspaces
        where workspaces.id = asks.workspace_id and asks.created_at < ${cutoff(now)}
          and (asks.text is not null or asks.when_suits is not null or (asks.follow_up is not null and asks.follow_up_at < ${cutoff(now)}))`.execute(db);
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
        await db.deleteFrom('workspaces').where('id', '=', workspace.id).where('uninstalled_at', 'is not', null).execute();
        await db
          .insertInto('audit')
          .values({ workspace_id: null, actor_member_id: null, action: `workspace purged ${PURGE_AFTER_DAYS} days after uninstall`, subject: `${workspace.platform}:${workspace.external_id}`, at: now })
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
        .where((eb) => eb.or([eb('handled_at', '<', before), eb('failed_at', '<', before), eb('received_at', '<', before)]))
        .execute();
      // An answer repeated in its session's thread is carried by its outbox item until it is posted.
      const posted = await sql`
        update outbox set payload = payload - 'text'
        where payload ? 'text' and kind = ${SESSION_POST} and (sent_at < ${before} or failed_at < ${before})`.execute(db);
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

    async audit({ workspaceId, actorMemberId, action, subject, at }) {
      await db.insertInto('audit').values({ workspace_id: workspaceId, actor_member_id: actorMemberId, action, subject: subject ?? null, at }).execute();
    },
  };
}
