import type { DataRightsRepo } from '../../core/ports/data-rights.js';
import type { Executor } from './executor.js';
import { memberExport } from './member-export.js';
import { retentionRepo } from './retention.js';

// A person's data rights and the workspace's: their export (member-export.ts), what retention
// removes (retention.ts), and the audit trail of both.

export function dataRightsRepo(db: Executor): DataRightsRepo {
  return {
    ...memberExport(db),
    ...retentionRepo(db),

    async audit({ workspaceId, actorMemberId, action, subject, at }) {
      await db
        .insertInto('audit')
        .values({ workspace_id: workspaceId, actor_member_id: actorMemberId, action, subject: subject ?? null, at })
        .execute();
    },
  };
}
