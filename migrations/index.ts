import type { Migration } from 'kysely';
import * as initial from './0001_initial.js';
import * as eventPayloads from './0002_event_payloads.js';
import * as scheduler from './0003_scheduler.js';
import * as goalMeasures from './0004_goal_measures.js';
import * as digest from './0005_digest.js';
import * as retention from './0006_retention.js';
import * as exportLinks from './0007_export_links.js';
import * as receiptOutcomes from './0008_receipt_outcomes.js';
import * as paceBudgets from './0009_pace_budgets.js';
import * as presses from './0010_presses.js';
import * as storedDigestWeeks from './0011_stored_digest_weeks.js';
import * as adminGrantsAndKeyCheck from './0012_admin_grants_and_key_check.js';
import * as personalChatRefused from './0013_personal_chat_refused.js';
import * as goalNumbers from './0015_goal_numbers.js';
import * as severalAnswers from './0016_several_answers.js';
import * as ownTimeZone from './0018_own_time_zone.js';
import * as promptNumbers from './0019_prompt_numbers.js';
import * as calendarNumbers from './0021_calendar_numbers.js';
import * as profileChangedAt from './0022_profile_changed_at.js';
import * as mentoring from './0023_mentoring.js';
import * as pairing from './0024_pairing.js';
import * as suggestions from './0025_suggestions.js';
import * as rotation from './0026_rotation.js';
import * as mentoringCounts from './0027_mentoring_counts.js';
import * as visits from './0028_visits.js';
import * as protocols from './0029_protocols.js';
import * as visitCounts from './0030_visit_counts.js';

// Listed by hand rather than read from the folder, so migrations load the same way under tsx, vitest
// and any bundler. Names sort in the order they run; never rename one that has shipped.
export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_event_payloads': eventPayloads,
  '0003_scheduler': scheduler,
  '0004_goal_measures': goalMeasures,
  '0005_digest': digest,
  '0006_retention': retention,
  '0007_export_links': exportLinks,
  '0008_receipt_outcomes': receiptOutcomes,
  '0009_pace_budgets': paceBudgets,
  '0010_presses': presses,
  '0011_stored_digest_weeks': storedDigestWeeks,
  '0012_admin_grants_and_key_check': adminGrantsAndKeyCheck,
  '0013_personal_chat_refused': personalChatRefused,
  '0015_goal_numbers': goalNumbers,
  '0016_several_answers': severalAnswers,
  '0018_own_time_zone': ownTimeZone,
  '0019_prompt_numbers': promptNumbers,
  '0021_calendar_numbers': calendarNumbers,
  '0022_profile_changed_at': profileChangedAt,
  '0023_mentoring': mentoring,
  '0024_pairing': pairing,
  '0025_suggestions': suggestions,
  '0026_rotation': rotation,
  '0027_mentoring_counts': mentoringCounts,
  '0028_visits': visits,
  '0029_protocols': protocols,
  '0030_visit_counts': visitCounts,
};
