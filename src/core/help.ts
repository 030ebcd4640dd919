import type { Message } from './messages.js';

// `help`: what the bot does and every command, short.

export function helpMessage(): Message {
  return {
    text:
      'Mentor Circle runs your community sessions: each opens and closes with a "what\'s working" check-in, ' +
      'with an open reflection question in between, and ends with a summary for everyone.',
    sections: [
      [
        '`setup [name]` make this channel a community; you become its facilitator',
        '`start [topic]` open a session with the opening check-in (facilitators)',
        '`next` move the session on: opening check-in, reflection, closing check-in (facilitators)',
        '`close` post the closing check-in, or close with the summary (facilitators)',
        '`schedule <weekly|biweekly|monthly> <day> <HH:MM> [<N>m]` / `schedule off` sessions the bot runs itself (facilitators)',
        '`checkin [text]` answer the current check-in or reflection; without text, a form',
        '`prompts` / `prompt add <question>` / `prompt retire|restore <n>` / `prompt` the reflection prompts, each under its own number: list, add, retire or bring back, post one now (facilitators)',
        '`prompts weekly <day> <HH:MM>` / `prompts off` a mid-week prompt to the channel; `remind <day-before|off>` the reminder before scheduled sessions',
        '`goal` set a SMART goal (a form); `goals` list yours with progress',
        '`progress <n> <value> [note]` log progress on goal n, e.g. `progress 2 14 read aloud with the whole group`',
        '`goal achieved|rework|drop <n>` end or rework goal n; every ending is a normal one; `undo` takes back the last one you ended, or prompt you retired',
        '`nudges <mon..fri> <HH:MM>` / `nudges off` when I check in on your goals (default Tuesday 15:30, your time); `snooze <n> <days>`',
        '`calendar` / `calendar add <from> [<to>] <label>` school breaks and holidays, when no nudges go out (admins add them)',
        "`timezone <zone>` the community's time zone (facilitators, in its channel), or the workspace's (admins, to me directly)",
        "`digest` / `digest <day> <HH:MM>` the weekly digest for school leaders: the last full week's, as it is sent, only to you / when it goes out, default Monday 07:30 each admin's own time (admins)",
        '`facilitator add|remove @person` (facilitators, in the channel) / `admin add|remove @person` (admins)',
        '`export` your own data, sent to you privately as files; `export workspace` the school\'s weekly figures as a CSV file (admins)',
        '`forget-me` delete everything kept of yours (asks first)',
        '`retention <months>` how long texts are kept before only their counts remain (admins)',
        '`privacy <3..10>` the smallest group a digest figure may describe, default 3 (admins)',
        '`help` this list',
      ].join('\n'),
      'In a session, a reply in its thread counts as your answer too.',
    ],
  };
}
