// The typed result of parsing the words after `/circle` (or sent to the bot in Teams, or typed in the
// console). One parser serves every platform; nothing downstream re-checks the words.

import type { CommandWord } from './usage.js';
import type { ProtocolName } from '../protocols/protocol.js';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export type SchoolDay = Exclude<Weekday, 'sat' | 'sun'>;

/** 24-hour local time, already validated: hour 0..23, minute 0..59. */
export interface LocalTime {
  hour: number;
  minute: number;
}

/** A calendar date as YYYY-MM-DD, already validated as a real date (words like `tomorrow` are resolved to one). */
export type IsoDate = string;

/** A person named in a command, as the adapter resolved the mention: the platform user id. */
export interface UserMention {
  userId: string;
  /** The name the mention was written with, where the platform gives one (Slack's handle). */
  label?: string;
}

/** The settings a bare command shows (`nudges`, `schedule`, ... and `prompts weekly`). */
export type SettingName = 'nudges' | 'schedule' | 'timezone' | 'retention' | 'privacy' | 'remind' | 'prompts.weekly';

export type Cadence = 'weekly' | 'biweekly' | 'monthly';
export type GoalOutcome = 'achieved' | 'rework' | 'drop';

export type Command =
  /** `about`: one command word, shown with what it does, who may use it and an example. */
  | { name: 'help'; about?: CommandWord }
  | { name: 'setup'; communityName?: string }
  | { name: 'start'; topic?: string }
  | { name: 'start.protocol'; protocol: ProtocolName; topic: string; presenter: UserMention }
  /** The minutes of each step of the protocol under way. */
  | { name: 'protocol.times'; minutes: number[] }
  | { name: 'next' }
  | { name: 'close' }
  | { name: 'checkin'; text?: string }
  | { name: 'prompt.post' }
  | { name: 'prompt.add'; text: string }
  | { name: 'prompt.retire'; number: number }
  | { name: 'prompt.restore'; number: number }
  | { name: 'prompts.list' }
  | { name: 'prompts.weekly'; day: Weekday; time: LocalTime }
  | { name: 'prompts.off' }
  | { name: 'schedule.set'; cadence: Cadence; day: Weekday; time: LocalTime; minutes?: number }
  | { name: 'schedule.off' }
  | { name: 'goal.new' }
  /** `all`: ended goals too, each under the number it kept. */
  | { name: 'goals.list'; all: boolean }
  | { name: 'goal.end'; outcome: GoalOutcome; number: number }
  /** `set`: the total so far; `add`: a change to the latest total (negative takes some back). */
  | { name: 'progress'; number: number; value: number; mode: 'set' | 'add'; note?: string }
  | { name: 'nudges.set'; day: SchoolDay; time: LocalTime }
  | { name: 'nudges.off' }
  | { name: 'snooze'; number: number; days: number }
  | { name: 'digest.preview' }
  | { name: 'digest.set'; day: Weekday; time: LocalTime }
  | { name: 'calendar.list' }
  | { name: 'calendar.add'; from: IsoDate; to: IsoDate; label: string }
  /** By the number `calendar` shows, which an entry keeps for life, or by a date the entry covers. */
  | { name: 'calendar.remove'; entry: { number: number } | { date: IsoDate } }
  | { name: 'remind'; when: 'day-before' | 'off' }
  | { name: 'timezone'; zone: string }
  /** The person's own zone: shown without `zone`, set with it. */
  | { name: 'timezone.mine'; zone?: string }
  | { name: 'retention'; months: number }
  | { name: 'privacy'; threshold: number }
  | { name: 'export.mine' }
  | { name: 'export.workspace' }
  | { name: 'role'; role: 'admin' | 'facilitator'; change: 'add' | 'remove'; user: UserMention }
  /** Takes back the person's last goal ending or prompt retiring, within a day. */
  | { name: 'undo' }
  /** Where the circle stands: its session, who answered, its schedule and facilitators. */
  | { name: 'status' }
  /** A setting command with nothing after it: the setting as it is now, and how to change it. */
  | { name: 'setting.show'; setting: SettingName }
  /** The community's new name, as written (its length is checked where it is used). */
  | { name: 'rename'; communityName: string }
  | { name: 'forget-me' }
  | { name: 'mentor.add'; user: UserMention; topics: string[] }
  | { name: 'mentor.remove'; user: UserMention }
  /** `days`: 0 is back now. */
  | { name: 'mentor.away'; days: number }
  | { name: 'mentor.capacity'; perWeek: number }
  | { name: 'mentors.list' }
  | { name: 'ask'; text?: string }
  | { name: 'pairs.set'; cadence: Cadence; mode: 'peers' | 'mentors' }
  | { name: 'pairs.off' }
  | { name: 'pairs.show' }
  /** `weeks`: 0 is back in from the next round. */
  | { name: 'pairs.skip'; weeks: number }
  | { name: 'suggest'; text?: string }
  /** `rotation`: when mentor terms end and who is named for the next. */
  | { name: 'rotation.show' }
  | { name: 'rotation.set'; endsOn: IsoDate }
  /** `topics` empty: a mentor now keeps theirs. */
  | { name: 'rotation.next'; user: UserMention; topics: string[] }
  | { name: 'rotation.drop'; user: UserMention }
  /** `visit`: I watch the peer's lesson; `invite`: they watch mine; `model`: I model one, they watch. The time is the requester's. */
  | {
      name: 'visit';
      kind: 'visit' | 'invite' | 'model';
      user: UserMention;
      date: IsoDate;
      time: LocalTime;
      focus?: string;
    }
  | { name: 'visits.list' };

/** Why the words could not be understood, with the hint the person sees. */
export interface CommandError {
  /** `unknown`: the first word is no command; `usage`: a command with the wrong words after it; `empty`: nothing was said. */
  kind: 'unknown' | 'usage' | 'empty';
  /** A short, friendly sentence that says what was expected, ready to show as it is. */
  message: string;
}

export type ParseResult = { ok: true; command: Command } | { ok: false; error: CommandError };
