import type { Platform } from '../../core/model.js';
import type { OutgoingFile } from '../../core/messages.js';
import type { Executor } from './executor.js';

/** Exports waiting to be fetched through a signed link (Teams). */
export function exportLinkRepo(db: Executor) {
  return {
    /** Keeps the files for the member until `expiresAt`; null when no such member exists. */
    async save(input: {
      platform: Platform;
      workspace: string;
      user: string;
      files: OutgoingFile[];
      at: Date;
      expiresAt: Date;
    }): Promise<number | null> {
      const member = await db
        .selectFrom('members')
        .innerJoin('workspaces', 'workspaces.id', 'members.workspace_id')
        .select('members.id')
        .where('workspaces.platform', '=', input.platform)
        .where('workspaces.external_id', '=', input.workspace)
        .where('members.external_id', '=', input.user)
        .executeTakeFirst();
      if (!member) return null;
      const row = await db
        .insertInto('export_links')
        .values({
          member_id: member.id,
          files: JSON.stringify(input.files),
          created_at: input.at,
          expires_at: input.expiresAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** The files, while the export has not expired (and its member not forgotten). */
    async load(id: number, now: Date): Promise<OutgoingFile[] | null> {
      const row = await db
        .selectFrom('export_links')
        .select('files')
        .where('id', '=', id)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row ? (row.files as OutgoingFile[]) : null;
    },
  };
}

export type ExportLinkRepo = ReturnType<typeof exportLinkRepo>;
