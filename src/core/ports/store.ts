import type { AskRepo } from './asks.js';
import type { CalendarRepo } from './calendar.js';
import type { ChannelMemberRepo } from './channel-members.js';
import type { CheckinRepo } from './check-ins.js';
import type { CommunityRepo } from './communities.js';
import type { DataRightsRepo } from './data-rights.js';
import type { DigestRepo } from './digest.js';
import type { GoalRepo } from './goals.js';
import type { MemberRepo } from './members.js';
import type { MentorRepo } from './mentors.js';
import type { OutboxPort } from './outbox.js';
import type { PairingRepo } from './pairing.js';
import type { PressRepo } from './presses.js';
import type { PromptRepo } from './prompts.js';
import type { ProtocolRepo } from './protocols.js';
import type { ReceiptRepo } from './receipts.js';
import type { ReflectionRepo } from './reflections.js';
import type { RotationRepo } from './rotation.js';
import type { SessionRepo } from './sessions.js';
import type { SuggestionRepo } from './suggestions.js';
import type { VisitRepo } from './visits.js';
import type { WorkspaceRepo } from './workspaces.js';

// Repository ports: what the core needs from storage, in its own terms, one file per aggregate in
// this folder. src/db implements them; uniqueness and races are settled by the database (unique
// indexes, compare-and-set updates), so each method says what it returns when it loses a race.
//
// Planned times (next_step_at and the like) are written two ways. A person's change re-plans inside
// its own transaction, after reading the row with `plan`/`nudgePlan`/`admins`, which lock it until the
// transaction ends. The planner writes with compare-and-set on the value it read (`expected`): it
// loses, and writes nothing, when a person moved the plan in the meantime.

export interface Repositories {
  workspaces: WorkspaceRepo;
  members: MemberRepo;
  communities: CommunityRepo;
  sessions: SessionRepo;
  checkins: CheckinRepo;
  prompts: PromptRepo;
  reflections: ReflectionRepo;
  goals: GoalRepo;
  calendar: CalendarRepo;
  receipts: ReceiptRepo;
  dataRights: DataRightsRepo;
  digests: DigestRepo;
  outbox: OutboxPort;
  channelMembers: ChannelMemberRepo;
  presses: PressRepo;
  mentors: MentorRepo;
  asks: AskRepo;
  pairing: PairingRepo;
  suggestions: SuggestionRepo;
  protocols: ProtocolRepo;
  rotation: RotationRepo;
  visits: VisitRepo;
}

export interface Store extends Repositories {
  /** Runs `work` in one transaction: all of it is stored, or none. */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}
