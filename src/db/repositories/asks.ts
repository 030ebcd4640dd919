import { sql, type Selectable } from 'kysely';
import type { Ask, AskOffer } from '../../core/mentoring/ask.js';
import type { AskRepo } from '../../core/ports/asks.js';
import type { AsksTable, AskOffersTable } from '../schema.js';
import type { Executor } from './executor.js';

const askColumns = [
  'asks.id',
  'asks.workspace_id',
  'asks.asker_id',
  'asks.community_id',
  'asks.text',
  'asks.when_suits',
  'asks.urgency',
  'asks.status',
  'asks.helper_id',
  'asks.passes',
  'asks.created_at',
  'asks.answer_by',
  'asks.taken_at',
  'asks.follow_up',
] as const;

type AskRow = Omit<Selectable<AsksTable>, 'follow_up_at'>;

const toAsk = (row: AskRow): Ask => ({
  id: row.id,
  workspaceId: row.workspace_id,
  askerId: row.asker_id,
  communityId: row.community_id,
  text: row.text,
  whenSuits: row.when_suits,
  urgency: row.urgency,
  status: row.status,
  helperId: row.helper_id,
  passes: row.passes,
  createdAt: row.created_at,
  answerBy: row.answer_by,
  takenAt: row.taken_at,
  followUp: row.follow_up,
});

const offerColumns = ['id', 'ask_id', 'mentor_id', 'offered_at', 'answer', 'answered_at'] as const;
type OfferRow = Selectable<AskOffersTable>;

const toOffer = (row: OfferRow): AskOffer => ({
  id: row.id,
  askId: row.ask_id,
  mentorId: row.mentor_id,
  offeredAt: row.offered_at,
  answer: row.answer,
  answeredAt: row.answered_at,
});

/** One ask by id; with a workspace, only if it is of that workspace. */
async function findAsk(db: Executor, askId: number, workspaceId?: number): Promise<Ask | null> {
  let query = db.selectFrom('asks').select(askColumns).where('id', '=', askId);
  if (workspaceId !== undefined) query = query.where('workspace_id', '=', workspaceId);
  const row = await query.executeTakeFirst();
  return row ? toAsk(row) : null;
}

export function askRepo(db: Executor): AskRepo {
  return {
    async create({ workspaceId, askerId, communityId, text, whenSuits, urgency, answerBy, at }) {
      const row = await db
        .insertInto('asks')
        .values({
          workspace_id: workspaceId,
          asker_id: askerId,
          community_id: communityId,
          text,
          when_suits: whenSuits,
          urgency,
          created_at: at,
          answer_by: answerBy,
        })
        .returning(askColumns)
        .executeTakeFirstOrThrow();
      return toAsk(row);
    },

    find: (workspaceId, askId) => findAsk(db, askId, workspaceId),
    byId: (askId) => findAsk(db, askId),

    async offer(askId, mentorId, at) {
      // The partial unique index (migration 0023) lets one offer wait per ask: a second insert, from
      // this replica or another, does nothing. The ask's row is share-locked, so a take or
      // markUnanswered committed meanwhile is seen and no offer is made.
      const { rows } = await sql<OfferRow>`
        insert into ask_offers (ask_id, mentor_id, offered_at)
        select id, ${mentorId}, ${at} from asks where id = ${askId} and status = 'open' for share
        on conflict do nothing
        returning ${sql.join(offerColumns.map((column) => sql.ref(column)))}`.execute(db);
      const row = rows[0];
      return row ? toOffer(row) : null;
    },

    async waitingOffer(askId) {
      const row = await db
        .selectFrom('ask_offers')
        .select(offerColumns)
        .where('ask_id', '=', askId)
        .where('answer', 'is', null)
        .executeTakeFirst();
      return row ? toOffer(row) : null;
    },

    async offers(askId) {
      const rows = await db
        .selectFrom('ask_offers')
        .select(offerColumns)
        .where('ask_id', '=', askId)
        .orderBy('offered_at')
        .orderBy('id')
        .execute();
      return rows.map(toOffer);
    },

    async answerOffer(offerId, mentorId, answer, at) {
      // One statement: the offer answered only while it waits, and a pass counted with it.
      const { rows } = await sql<{ answered: number }>`
        with answered as (
          update ask_offers set answer = ${answer}, answered_at = ${at}
          where id = ${offerId} and mentor_id = ${mentorId} and answer is null
          returning ask_id
        ), passed as (
          update asks set passes = passes + 1
          where ${answer} = 'pass' and id in (select ask_id from answered)
          returning id
        )
        select (select count(*) from answered)::int as answered, (select count(*) from passed)::int as passed`.execute(
        db,
      );
      return (rows[0]?.answered ?? 0) > 0;
    },

    async take(askId, helperId, at) {
      const result = await db
        .updateTable('asks')
        .set({ status: 'taken', helper_id: helperId, taken_at: at })
        .where('id', '=', askId)
        .where('status', 'in', ['open', 'unanswered'])
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async markUnanswered(askId) {
      const result = await db
        .updateTable('asks')
        .set({ status: 'unanswered' })
        .where('id', '=', askId)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async saveFollowUp(askId, askerId, text, at) {
      const result = await db
        .updateTable('asks')
        .set({ follow_up: text, follow_up_at: at })
        .where('id', '=', askId)
        .where('asker_id', '=', askerId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async waitingFor(workspaceId, mentorId) {
      const rows = await db
        .selectFrom('asks')
        .innerJoin('ask_offers', 'ask_offers.ask_id', 'asks.id')
        .select(askColumns)
        .where('asks.workspace_id', '=', workspaceId)
        .where('asks.status', '=', 'open')
        .where('ask_offers.mentor_id', '=', mentorId)
        .where('ask_offers.answer', 'is', null)
        .orderBy('asks.created_at')
        .orderBy('asks.id')
        .execute();
      return rows.map(toAsk);
    },
  };
}
