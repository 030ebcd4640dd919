import type { Kysely } from 'kysely';
import type { Repositories, Store } from '../core/ports.js';
import type { Database } from './schema.js';
import { calendarRepo } from './repositories/calendar.js';
import { checkinRepo } from './repositories/checkins.js';
import { communityRepo } from './repositories/communities.js';
import { dataRightsRepo } from './repositories/data-rights.js';
import { digestRepo } from './repositories/digest.js';
import { goalRepo } from './repositories/goals.js';
import type { Executor } from './repositories/executor.js';
import { memberRepo } from './repositories/members.js';
import { outboxRepo } from './repositories/outbox.js';
import { promptRepo } from './repositories/prompts.js';
import { receiptRepo } from './repositories/receipts.js';
import { reflectionRepo } from './repositories/reflections.js';
import { sessionRepo } from './repositories/sessions.js';
import { workspaceRepo } from './repositories/workspaces.js';

function repositories(db: Executor): Repositories {
  return {
    workspaces: workspaceRepo(db),
    members: memberRepo(db),
    communities: communityRepo(db),
    sessions: sessionRepo(db),
    checkins: checkinRepo(db),
    prompts: promptRepo(db),
    reflections: reflectionRepo(db),
    goals: goalRepo(db),
    calendar: calendarRepo(db),
    receipts: receiptRepo(db),
    dataRights: dataRightsRepo(db),
    digests: digestRepo(db),
    outbox: outboxRepo(db),
  };
}

/** The core's storage port, on a kysely database. */
export function createStore(db: Kysely<Database>): Store {
  return {
    ...repositories(db),
    transaction: (work) => db.transaction().execute((trx) => work(repositories(trx))),
  };
}
