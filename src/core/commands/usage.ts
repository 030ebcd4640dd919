// One line per command form: what `help` and usage hints show. Keep them short and concrete.

export const USAGE = {
  help: '`help`',
  setup: '`setup [name]`, for example `setup Grade 3 Literacy`',
  start: '`start [topic]`, for example `start Small-group reading`',
  next: '`next`',
  close: '`close`',
  checkin: '`checkin [text]`, for example `checkin Partner reading is working`',
  prompt: '`prompt`, `prompt add <question>` or `prompt retire <n>`',
  prompts: '`prompts`, `prompts weekly <day> <time>` or `prompts off`, for example `prompts weekly wed 12:15` or `prompts weekly wed 3:30pm`',
  schedule: '`schedule <weekly|biweekly|monthly> <day> <time> [<N>m]` or `schedule off`, for example `schedule weekly tue 3:30pm 60m`',
  goal: '`goal`, or `goal <achieved|rework|drop> <n>`, for example `goal achieved 2`',
  goals: '`goals`, or `goals all` to see the ones that ended too',
  progress: '`progress <n> <total>` or `progress <n> +<more>` [note], for example `progress 2 14` (your total so far) or `progress 2 +3 read aloud with the whole group` (three more)',
  nudges: '`nudges <mon..fri> <time>` or `nudges off`, for example `nudges tue 3:30pm` or `nudges tue 15:30`',
  snooze: '`snooze <n> <days>`, for example `snooze 2 7`',
  digest: '`digest`, or `digest <day> <time>`, for example `digest mon 7:30am`',
  calendar: '`calendar`, or `calendar add <from> [<to>] <label>`, for example `calendar add dec 21 jan 1 Winter break` or `calendar add 2026-12-21 Staff day`',
  remind: '`remind <day-before|off>`',
  timezone: '`timezone <city or zone>`, for example `timezone London` or `timezone America/New_York`',
  my: '`my timezone` to see your own time zone, or `my timezone <city or zone>`, for example `my timezone London`',
  retention: '`retention <months>`, for example `retention 24`',
  privacy: '`privacy <3..10>`, for example `privacy 5`',
  export: '`export`, or `export workspace`',
  admin: '`admin add @person` or `admin remove @person`',
  facilitator: '`facilitator add @person` or `facilitator remove @person`',
  status: '`status`, in a circle\'s channel: its session, who has answered, its schedule and facilitators',
  undo: '`undo`, to bring back the goal you last marked achieved or set aside (within a day)',
  'forget-me': '`forget-me`',
} as const;

export type CommandWord = keyof typeof USAGE;
