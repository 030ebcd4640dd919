import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Repositories, Store } from '../core/ports/store.js';
import type { Database } from './schema.js';
import { calendarRepo } from './repositories/calendar.js';
import { checkinRepo } from './repositories/checkins.js';
import { communityRepo } from './repositories/communities.js';
import { dataRightsRepo } from './repositories/data-rights.js';
import { digestRepo } from './repositories/digest.js';
import { goalRepo } from './repositories/goals.js';
import type { Executor } from './repositories/executor.js';
import { memberRepo } from './repositories/members.js';
import { promptRepo } from './repositories/prompts.js';
import { receiptRepo } from './repositories/receipts.js';
import { reflectionRepo } from './repositories/reflections.js';
import { sessionRepo } from './repositories/sessions.js';
import { workspaceRepo } from './repositories/workspaces.js';
import { liveOutbox } from './repositories/live-outbox.js';
import { channelMemberRepo } from './repositories/channel-members.js';
import { pressRepo } from './repositories/presses.js';
import { suggestionRepo } from './repositories/suggestions.js';
import { protocolRepo } from './repositories/protocols.js';
import { rotationRepo } from './repositories/rotation.js';
import { mentorRepo } from './repositories/mentors.js';
import { askRepo } from './repositories/asks.js';
import { pairingRepo } from './repositories/pairing.js';
import { visitRepo } from './repositories/visits.js';

function repositories(db: Executor, worker: string): Repositories {
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
    outbox: liveOutbox(db, worker),
    channelMembers: channelMemberRepo(db),
    presses: pressRepo(db),
    mentors: mentorRepo(db),
    asks: askRepo(db),
    pairing: pairingRepo(db),
    suggestions: suggestionRepo(db),
    protocols: protocolRepo(db),
    rotation: rotationRepo(db),
    visits: visitRepo(db),
  };
}

/** The core's storage port, on a kysely database. Messages it sends at once are leased under its own name. */
export function createStore(db: Kysely<Database>): Store {
  const worker = `live:${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  return {
    ...repositories(db, worker),
    transaction: (work) => db.transaction().execute((trx) => work(repositories(trx, worker))),
  };
}
