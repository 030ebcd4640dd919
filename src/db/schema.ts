import type {
  WorkspacesTable,
  MembersTable,
  ChannelMembersTable,
  AuditTable,
  KeyChecksTable,
} from './schema/workspaces.js';
import type {
  CommunitiesTable,
  CommunityMembersTable,
  SessionsTable,
  CheckinsTable,
  PromptsTable,
  PromptRetirementsTable,
  PromptNumbersTable,
  PromptPostsTable,
  ReflectionsTable,
  ProtocolRunsTable,
  ProtocolEntriesTable,
} from './schema/communities.js';
import type { GoalsTable, GoalUpdatesTable, CalendarTable } from './schema/goals.js';
import type {
  OutboxTable,
  SchedulerRunsTable,
  EventReceiptsTable,
  ConversationRefsTable,
  PressesTable,
  ExportLinksTable,
  PaceBudgetsTable,
} from './schema/delivery.js';
import type { DigestsSentTable, DigestWeeksTable } from './schema/digest.js';
import type {
  MentorsTable,
  AsksTable,
  AskOffersTable,
  PairRoundsTable,
  PairMembersTable,
  SuggestionsTable,
  RotationsTable,
  NextMentorsTable,
  VisitsTable,
} from './schema/mentoring.js';

export type * from './schema/workspaces.js';
export type * from './schema/communities.js';
export type * from './schema/goals.js';
export type * from './schema/delivery.js';
export type * from './schema/digest.js';
export type * from './schema/mentoring.js';

// The tables created in migrations/, by name, as kysely sees them; the row types live in schema/ by
// aggregate. test/db/schema-columns.test.ts checks them against a migrated database.

export interface Database {
  workspaces: WorkspacesTable;
  members: MembersTable;
  communities: CommunitiesTable;
  community_members: CommunityMembersTable;
  sessions: SessionsTable;
  checkins: CheckinsTable;
  prompts: PromptsTable;
  prompt_retirements: PromptRetirementsTable;
  prompt_numbers: PromptNumbersTable;
  prompt_posts: PromptPostsTable;
  reflections: ReflectionsTable;
  goals: GoalsTable;
  goal_updates: GoalUpdatesTable;
  calendar: CalendarTable;
  outbox: OutboxTable;
  event_receipts: EventReceiptsTable;
  conversation_refs: ConversationRefsTable;
  digests_sent: DigestsSentTable;
  digest_weeks: DigestWeeksTable;
  audit: AuditTable;
  export_links: ExportLinksTable;
  scheduler_runs: SchedulerRunsTable;
  key_checks: KeyChecksTable;
  presses: PressesTable;
  pace_budgets: PaceBudgetsTable;
  channel_members: ChannelMembersTable;
  mentors: MentorsTable;
  asks: AsksTable;
  ask_offers: AskOffersTable;
  pair_rounds: PairRoundsTable;
  pair_members: PairMembersTable;
  suggestions: SuggestionsTable;
  protocol_runs: ProtocolRunsTable;
  protocol_entries: ProtocolEntriesTable;
  rotations: RotationsTable;
  next_mentors: NextMentorsTable;
  visits: VisitsTable;
}
