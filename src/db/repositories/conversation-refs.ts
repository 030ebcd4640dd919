import { sql } from 'kysely';
import type { Executor } from './executor.js';

// Teams reaches a channel or a person later (nudges, scheduled steps, digests) only through the
// conversation reference it last received from there; these keep one per channel and per person.

export type ReferenceKind = 'channel' | 'personal';

export interface ReferenceKey {
  /** The tenant id: the Teams workspace's external id. */
  tenant: string;
  kind: ReferenceKind;
  /** The channel's conversation id, or the person's Teams user id. */
  key: string;
}

export function conversationRefRepo(db: Executor) {
  const workspaceId = (tenant: string) =>
    db.selectFrom('workspaces').select('id').where('platform', '=', 'teams').where('external_id', '=', tenant);
  /** One reference row for the tenant's workspace; nothing when the tenant is unknown. */
  const insert = (input: ReferenceKey & { reference: Record<string, unknown>; at: Date }) =>
    db
      .insertInto('conversation_refs')
      .columns(['workspace_id', 'kind', 'key', 'reference', 'updated_at'])
      .expression((eb) =>
        eb
          .selectFrom('workspaces')
          .select([
            'id',
            eb.val(input.kind).as('kind'),
            eb.val(input.key).as('key'),
            sql<unknown>`${JSON.stringify(input.reference)}::jsonb`.as('reference'),
            sql<Date>`${input.at}::timestamptz`.as('updated_at'),
          ])
          .where('platform', '=', 'teams')
          .where('external_id', '=', input.tenant),
      );
  return {
    /** Saves or refreshes; writes nothing when the reference is unchanged or the tenant is unknown. */
    async save(input: ReferenceKey & { reference: Record<string, unknown>; at: Date }): Promise<void> {
      await insert(input)
        .onConflict((oc) =>
          oc
            .columns(['workspace_id', 'kind', 'key'])
            .doUpdateSet({ reference: sql`excluded.reference`, updated_at: sql`excluded.updated_at` })
            .where(sql<boolean>`conversation_refs.reference is distinct from excluded.reference`),
        )
        .execute();
    },

    /**
     * Stores the reference unless one is there already, and returns the one stored: two processes
     * that opened the same person's chat at once end with one reference, whichever came first.
     */
    async keep(
      input: ReferenceKey & { reference: Record<string, unknown>; at: Date },
    ): Promise<Record<string, unknown> | null> {
      await insert(input)
        .onConflict((oc) => oc.columns(['workspace_id', 'kind', 'key']).doNothing())
        .execute();
      return this.find(input);
    },

    /**
     * The newest address in the tenant, a channel's before a personal chat's: the service and bot
     * through which Teams reaches the tenant's people.
     */
    async serviceReference(tenant: string): Promise<Record<string, unknown> | null> {
      const row = await db
        .selectFrom('conversation_refs')
        .select('reference')
        .where('workspace_id', '=', workspaceId(tenant))
        .orderBy(sql`kind = 'channel'`, 'desc')
        .orderBy('updated_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? (row.reference as Record<string, unknown>) : null;
    },

    async find(input: ReferenceKey): Promise<Record<string, unknown> | null> {
      const row = await db
        .selectFrom('conversation_refs')
        .select('reference')
        .where('workspace_id', '=', workspaceId(input.tenant))
        .where('kind', '=', input.kind)
        .where('key', '=', input.key)
        .executeTakeFirst();
      return row ? (row.reference as Record<string, unknown>) : null;
    },

    async remove(input: ReferenceKey): Promise<void> {
      await db
        .deleteFrom('conversation_refs')
        .where('workspace_id', '=', workspaceId(input.tenant))
        .where('kind', '=', input.kind)
        .where('key', '=', input.key)
        .execute();
    },

    /** Forgets every channel of one team. */
    async removeTeam(tenant: string, teamId: string): Promise<void> {
      await db
        .deleteFrom('conversation_refs')
        .where('workspace_id', '=', workspaceId(tenant))
        .where('kind', '=', 'channel')
        .where(sql<boolean>`reference ->> 'teamId' = ${teamId}`)
        .execute();
    },

    /** How many channels of the tenant the bot can still reach. */
    async channels(tenant: string): Promise<number> {
      const row = await db
        .selectFrom('conversation_refs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('workspace_id', '=', workspaceId(tenant))
        .where('kind', '=', 'channel')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
