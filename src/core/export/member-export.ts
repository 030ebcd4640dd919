import type { OutgoingFile } from '../messages.js';
import { ENDING_WORDS } from '../goals/goal.js';
import { count } from '../text/count.js';
import { URGENCY_LABELS, type AskStatus, type Urgency } from '../mentoring/ask.js';
import type { ExportedGoal, ExportedMentoring, MemberData } from './member-data.js';

// `export` hands a member their own data: the whole of it as JSON, and their goals as CSV for a
// spreadsheet. Pure: the caller gathers the data and delivers the files.

const DAY_NAMES = ['', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

function localTime(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** A file name part from a person's name: letters and digits only, so no platform trips over it. */
function slug(name: string): string {
  const cleaned = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 40);
  return cleaned || 'member';
}

/**
 * One CSV cell. Quoted when needed; a cell a spreadsheet would run as a formula (= + - @ and tab or
 * return first) is prefixed with an apostrophe, since these cells hold what people typed.
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const GOAL_COLUMNS = [
  'goal',
  'community',
  'what I will do',
  'how I will know',
  'target',
  'unit',
  'first step',
  'why it matters',
  'by when',
  'check in',
  'status',
  'reworks goal',
  'set on',
  'ended on',
  'latest value',
  'progress updates',
] as const;

/** A goal's status in the words the chat uses for it ("set aside", never "dropped"). */
function statusWords(goal: ExportedGoal): string {
  return goal.status === 'active' ? 'going' : ENDING_WORDS[goal.status];
}

function goalRow(goal: ExportedGoal): (string | number | boolean | null)[] {
  const latest = goal.updates.at(-1)?.value ?? null;
  return [
    goal.id,
    goal.community,
    goal.specific,
    goal.measure,
    goal.target,
    goal.unit,
    goal.firstStep,
    goal.relevance,
    goal.dueOn,
    goal.cadence,
    statusWords(goal),
    goal.reworksGoalId,
    goal.createdAt.toISOString().slice(0, 10),
    goal.endedAt ? goal.endedAt.toISOString().slice(0, 10) : null,
    latest,
    goal.updates.length,
  ];
}

export function goalsCsv(goals: readonly ExportedGoal[]): string {
  const lines = [GOAL_COLUMNS.map(csvCell).join(','), ...goals.map((goal) => goalRow(goal).map(csvCell).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** An ask's status in words for the person who asked. */
const ASK_STATUS_WORDS: Record<AskStatus, string> = {
  open: 'waiting for a mentor',
  taken: 'someone took it',
  unanswered: "no mentor could take it in time; your circle's leaders were told someone is waiting",
};

const isUrgency = (value: string | null): value is Urgency => value !== null && value in URGENCY_LABELS;
const isAskStatus = (value: string): value is AskStatus => value in ASK_STATUS_WORDS;

/** Mentoring, readably: the asks they helped with are dates only, as the words are the askers'. */
function mentoringJson(mentoring: ExportedMentoring) {
  const { mentor } = mentoring;
  return {
    asMentor: mentor
      ? {
          for: mentor.circle ?? 'the whole workspace',
          topics: mentor.topics,
          asksAWeek: mentor.perWeek,
          awayUntil: mentor.awayUntil?.toISOString() ?? null,
          since: mentor.since.toISOString(),
        }
      : 'not a mentor',
    yourAsks: mentoring.asks.map((ask) => ({
      asked: ask.text,
      whenSuits: ask.whenSuits,
      urgency: isUrgency(ask.urgency) ? URGENCY_LABELS[ask.urgency] : null,
      status: isAskStatus(ask.status) ? ASK_STATUS_WORDS[ask.status] : ask.status,
      askedAt: ask.askedAt.toISOString(),
      takenAt: ask.takenAt?.toISOString() ?? null,
      yourFollowUp: ask.followUp,
    })),
    asksYouHelpedWith: mentoring.helped.map((ask) => ({
      askedAt: ask.askedAt.toISOString(),
      takenAt: ask.takenAt.toISOString(),
    })),
    yourSuggestionsToLeaders: mentoring.suggestions.map((s) => ({
      suggested: s.text,
      withYourName: s.named,
      at: s.at.toISOString(),
    })),
    pairingRounds: mentoring.pairings.map((p) => ({
      circle: p.circle,
      at: p.at.toISOString(),
      youMet: p.met === null ? 'not said' : p.met ? 'yes' : 'not yet',
    })),
    namedForNextTerm: mentoring.nextTerm
      ? { topics: mentoring.nextTerm.topics, namedAt: mentoring.nextTerm.namedAt.toISOString() }
      : 'no',
    classroomVisits: mentoring.visits.map((v) => ({
      what: v.youObserved ? 'you watched a colleague teach' : 'a colleague watched you teach',
      asked: v.youAsked ? `you asked (${v.kind})` : `they asked (${v.kind})`,
      lessonAt: v.at.toISOString(),
      status: v.status,
      focus: v.focus,
      ...(v.notes ? { [v.youObserved ? 'notesYouWrote' : 'notesForYou']: v.notes } : {}),
      ...(v.youObserved ? {} : { yourReflection: v.reflection }),
    })),
  };
}

function memberJson(data: MemberData, now: Date): string {
  const { member } = data;
  return JSON.stringify(
    {
      exportedAt: now.toISOString(),
      about:
        'Everything Mentor Circle keeps of yours in this workspace. Texts removed by the retention period show as null.',
      you: {
        name: member.name,
        timeZone: member.timeZone,
        admin: member.isAdmin,
        firstSeen: member.joinedAt.toISOString(),
        nudges: member.nudges.enabled
          ? { day: DAY_NAMES[member.nudges.day], time: localTime(member.nudges.minute) }
          : 'off',
      },
      communities: data.communities,
      checkins: data.checkins,
      reflections: data.reflections,
      goals: data.goals,
      mentoring: mentoringJson(data.mentoring),
      protocolReplies: data.protocolReplies.map((reply) => ({ ...reply, at: reply.at.toISOString() })),
    },
    null,
    2,
  );
}

/** What an export holds, in words: "1 check-in, 2 reflections and 1 goal". */
export function describeMemberData(data: Pick<MemberData, 'checkins' | 'reflections' | 'goals'>): string {
  return `${count(data.checkins.length, 'check-in')}, ${count(data.reflections.length, 'reflection')} and ${count(data.goals.length, 'goal')}`;
}

export function buildMemberExport(data: MemberData, now: Date): OutgoingFile[] {
  const stem = `mentor-circle-${slug(data.member.name)}-${now.toISOString().slice(0, 10)}`;
  return [
    { name: `${stem}.json`, mimeType: 'application/json', content: memberJson(data, now) },
    { name: `${stem}-goals.csv`, mimeType: 'text/csv', content: goalsCsv(data.goals) },
  ];
}
