// One line per command form: what `help` and usage hints show. Keep them short and concrete.

export const USAGE = {
  help: '`help`',
  setup: '`setup [name]`, for example `setup Grade 3 Literacy`',
  start: '`start [topic]`, for example `start Small-group reading`',
  next: '`next`',
  close: '`close`',
  checkin: '`checkin [text]`, for example `checkin Partner reading is working`',
  prompt: '`prompt`, `prompt add <question>` or `prompt retire <n>`',
  prompts: '`prompts`, `prompts weekly <day> <HH:MM>` or `prompts off`',
  schedule: '`schedule <weekly|biweekly|monthly> <day> <HH:MM> [<N>m]` or `schedule off`, for example `schedule weekly tue 15:30 60m`',
  goal: '`goal`, or `goal <achieved|rework|drop> <n>`, for example `goal achieved 2`',
  goals: '`goals`, or `goals all` to see the ones that ended too',
  progress: '`progress <n> <value> [note]`, for example `progress 2 14 read aloud with the whole group`',
  nudges: '`nudges <mon..fri> <HH:MM>` or `nudges off`, for example `nudges tue 15:30`',
  snooze: '`snooze <n> <days>`, for example `snooze 2 7`',
  digest: '`digest`, or `digest <day> <HH:MM>`, for example `digest mon 07:30`',
  calendar: '`calendar`, or `calendar add <from> [<to>] <label>`, for example `calendar add 2026-12-21 2027-01-01 Winter break`',
  remind: '`remind <day-before|off>`',
  timezone: '`timezone <IANA zone>`, for example `timezone Europe/London`',
  retention: '`retention <months>`, for example `retention 24`',
  privacy: '`privacy <3..10>`, for example `privacy 5`',
  export: '`export`, or `export workspace`',
  admin: '`admin add @person` or `admin remove @person`',
  facilitator: '`facilitator add @person` or `facilitator remove @person`',
  undo: '`undo`, to bring back the goal you last marked achieved or set aside (within a day)',
  'forget-me': '`forget-me`',
} as const;

export type CommandWord = keyof typeof USAGE;
