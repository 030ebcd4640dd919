// Every command word, once: its forms, what it does, who may use it, and examples people can copy.
// Usage hints, `help` and `help <command>` are all built from this table, so they cannot disagree.

export interface CommandDoc {
  /** Every form of the command, each in backticks, as usage hints show them. */
  forms: string;
  /** What it does, as a phrase that follows the command: "open a session…". */
  does: string;
  /** Who may use it, and where. */
  who: string;
  /**
   * Lines to copy, exactly as a person types them (a mention as `@name`): each parses as this command.
   * Usage hints show them after "for example".
   */
  examples: readonly [string, ...string[]];
}

export const COMMANDS = {
  help: {
    forms: '`help` or `help <command>`',
    does: 'what I do and the commands, short; with a command, that one with an example',
    who: 'anyone, anywhere',
    examples: ['help goal'],
  },
  setup: {
    forms: '`setup [name]`',
    does: "make this channel a community; whoever runs it becomes its first facilitator (the name is the channel's unless you give one, up to 80 characters)",
    who: 'anyone, in a channel that is not a community yet',
    examples: ['setup Grade 3 Literacy'],
  },
  start: {
    forms: '`start [topic]`, `start tuning <topic> @presenter` or `start consultancy <dilemma> @presenter`',
    does: 'open a session with the opening "what\'s working" check-in; or a critical-friends protocol for a presenter\'s work (tuning: presentation, clarifying questions, pause, warm and cool feedback, presenter reflection, debrief) or dilemma (consultancy: dilemma, clarifying and probing questions, discussion while the presenter listens, their response, debrief); each step is posted with its time and moves on by itself; the presenter gets the questions and feedback privately',
    who: "facilitators, in their community's channel",
    examples: [
      'start Small-group reading',
      'start tuning Persuasive writing unit @sam',
      'start consultancy Getting quiet students talking @sam',
    ],
  },
  protocol: {
    forms: '`protocol times <minutes for each step>`',
    does: "change the minutes of the protocol under way, one number per step (tuning by default 10 5 2 15 10 10, consultancy 10 5 10 15 10 5, for a 60-minute session; scaled to the schedule's length)",
    who: "facilitators, in their community's channel, while a protocol runs",
    examples: ['protocol times 10 5 2 15 10 10'],
  },
  next: {
    forms: '`next`',
    does: 'move the session on: opening check-in, then the reflection prompt, then the closing check-in',
    who: "facilitators, in their community's channel",
    examples: ['next'],
  },
  close: {
    forms: '`close`',
    does: 'post the closing check-in, or, once it is posted, close the session with its summary',
    who: "facilitators, in their community's channel",
    examples: ['close'],
  },
  checkin: {
    forms: '`checkin [text]`',
    does: "answer the session's check-in or reflection (without text, a form); a reply in the session thread counts too",
    who: 'everyone in the community, in its channel',
    examples: ['checkin Partner reading is working'],
  },
  prompt: {
    forms: '`prompt`, `prompt add <question>`, `prompt retire <n>` or `prompt restore <n>`',
    does: 'post a reflection prompt now, add a question of your own, or retire one or bring it back, by the number `prompts` shows (each keeps its own)',
    who: "facilitators, in their community's channel",
    examples: ['prompt retire 4', 'prompt add What surprised you this week?', 'prompt restore 4'],
  },
  prompts: {
    forms: '`prompts`, `prompts weekly <day> <time>` or `prompts off`',
    does: 'list the reflection prompts, or post one to the channel mid-week',
    who: "facilitators, in their community's channel",
    examples: ['prompts weekly wed 12:15', 'prompts weekly wed 3:30pm'],
  },
  schedule: {
    forms: '`schedule <weekly|biweekly|monthly> <day> <time> [<N>m]` or `schedule off`',
    does: 'sessions the bot opens, moves on and closes itself',
    who: "facilitators, in their community's channel",
    examples: ['schedule weekly tue 3:30pm 60m'],
  },
  goal: {
    forms: '`goal`, or `goal <achieved|rework|drop> <n>`',
    does: 'set a SMART goal (a form), or end or rework goal n; every ending is a normal one',
    who: 'everyone, for their own goals',
    examples: ['goal achieved 2', 'goal'],
  },
  goals: {
    forms: '`goals`, or `goals all` to see the ones that ended too',
    does: 'list your goals with their progress, only to you',
    who: 'everyone, for their own goals',
    examples: ['goals', 'goals all'],
  },
  progress: {
    forms:
      '`progress <n> <total>` (your total so far) or `progress <n> +<more>` (added to it), then a note if you like',
    does: "log progress toward goal n's target",
    who: 'everyone, for their own goals',
    examples: ['progress 2 14', 'progress 2 +3 read aloud with the whole group'],
  },
  nudges: {
    forms: '`nudges <mon..fri> <time>` or `nudges off`',
    does: 'when I check in on your goals (default Tuesday 15:30, your time), or no check-ins at all',
    who: 'everyone, for their own nudges',
    examples: ['nudges tue 3:30pm', 'nudges tue 15:30'],
  },
  snooze: {
    forms: '`snooze <n> <days>`',
    does: 'no nudges about goal n for that many days',
    who: 'everyone, for their own goals',
    examples: ['snooze 2 7'],
  },
  digest: {
    forms: '`digest`, or `digest <day> <time>`',
    does: 'preview the weekly digest for school leaders, only to you, or choose when it is sent (default Monday 07:30, your time)',
    who: 'admins',
    examples: ['digest', 'digest mon 7:30am'],
  },
  calendar: {
    forms: '`calendar`, `calendar add <from> [<to>] <label>` or `calendar remove <n|date>`',
    does: 'list the school breaks and holidays ahead, numbered (no nudges or scheduled sessions then); add one; or remove one by its number or a date it covers',
    who: 'anyone may list them; admins add and remove them',
    examples: ['calendar add dec 21 jan 1 Winter break', 'calendar add 2026-12-21 Staff day', 'calendar remove 2'],
  },
  remind: {
    forms: '`remind <day-before|off>`',
    does: 'a reminder in the channel the day before each scheduled session, or none',
    who: "facilitators, in their community's channel",
    examples: ['remind day-before', 'remind off'],
  },
  timezone: {
    forms: '`timezone <city or zone>`',
    does: "the community's time zone (in its channel), or the workspace's, which its calendar follows (to me directly)",
    who: "facilitators in their community's channel; admins to me directly",
    examples: ['timezone London', 'timezone America/New_York'],
  },
  my: {
    forms: '`my timezone` to see your own time zone, or `my timezone <city or zone>`',
    does: 'your own time zone, for your nudges',
    who: 'everyone, for themselves',
    examples: ['my timezone London'],
  },
  rename: {
    forms: '`rename <name>`',
    does: 'give the community a new name, up to 80 characters',
    who: "facilitators, in their community's channel",
    examples: ['rename Grade 3 Reading Circle'],
  },
  retention: {
    forms: '`retention <months>`',
    does: 'how long texts are kept before only their counts remain',
    who: 'admins',
    examples: ['retention 24'],
  },
  privacy: {
    forms: '`privacy <3..10>`',
    does: 'the smallest group a digest figure may describe (default 3)',
    who: 'admins',
    examples: ['privacy 5'],
  },
  export: {
    forms: '`export`, or `export workspace`',
    does: "your own data, sent to you privately as files; or the school's weekly figures as a CSV file (admins)",
    who: 'everyone, for their own data; admins for the workspace',
    examples: ['export', 'export workspace'],
  },
  admin: {
    forms: '`admin add @person` or `admin remove @person`',
    does: 'name or remove a Mentor Circle admin, who receives the digest and keeps the calendar',
    who: 'admins',
    examples: ['admin add @sam'],
  },
  facilitator: {
    forms: '`facilitator add @person` or `facilitator remove @person`',
    does: 'name or remove a facilitator of this community',
    who: "facilitators and admins, in the community's channel",
    examples: ['facilitator add @sam'],
  },
  mentor: {
    forms:
      '`mentor add @person [topics]`, `mentor remove @person`, `mentor away <days>`, `mentor back` or `mentor capacity <asks a week>`',
    does: 'name a mentor with the topics they help with (separated by commas), stop one mentoring, or, as a mentor, take a break from asks or say how many you can take a week (default 2)',
    who: 'admins name mentors for the whole workspace, facilitators for their circle (in its channel); mentors set their own break and capacity',
    examples: ['mentor add @sam google classroom, grade 3 literacy', 'mentor away 14', 'mentor capacity 3'],
  },
  mentors: {
    forms: '`mentors`',
    does: 'who mentors here, on what, and whether they can take an ask now',
    who: 'everyone',
    examples: ['mentors'],
  },
  ask: {
    forms: '`ask [what you need]`',
    does: 'one-on-one help from a mentor whose topics fit: only they see what you wrote, and I introduce you privately (without words, a form)',
    who: 'everyone',
    examples: ['ask setting up Google Classroom for my grade 3 class', 'ask'],
  },
  pairs: {
    forms: '`pairs <weekly|biweekly|monthly> [peers|mentors]`, `pairs off`, `pairs skip <weeks>` or `pairs`',
    does: 'pairing rounds: on Monday mornings (school days only) everyone in the circle is introduced privately to a peer, or a mentor to a mentee, with an open question; no pair again too soon, an odd one out makes a trio; or sit out a few weeks',
    who: "facilitators start and stop them, in their circle's channel; anyone in the circle can skip",
    examples: ['pairs weekly', 'pairs biweekly mentors', 'pairs skip 2'],
  },
  suggest: {
    forms: '`suggest [your suggestion]`',
    does: 'a suggestion to school leaders, in your words: it appears in the next weekly digest under "Suggestions from mentors", without your name unless you put it to it (without words, a form with that tick box)',
    who: 'mentors and facilitators',
    examples: ['suggest A shared planning period for grade 3 would help the new teachers most', 'suggest'],
  },
  rotation: {
    forms: '`rotation`, `rotation <date>`, `rotation next @person [topics]` or `rotation drop @person`',
    does: 'mentor terms: when they end (the end of the school year unless you set a date), and who mentors next term; a month before the end admins get figures across all mentors to choose from, and at the end mentors who step down are thanked and the new ones welcomed',
    who: 'admins',
    examples: [
      'rotation 2027-06-25',
      'rotation next @sam google classroom, behaviour',
      'rotation drop @sam',
      'rotation',
    ],
  },
  visit: {
    forms: '`visit @colleague <day> <time> [focus]`',
    does: "ask to watch a colleague's lesson (your time); they answer privately, you are both reminded the school day before, and an hour after it begins you answer three open questions about what you noticed, for them alone",
    who: 'everyone',
    examples: ['visit @sam tue 10:00 questioning in small groups', 'visit @sam tomorrow 9:15am'],
  },
  invite: {
    forms: '`invite @colleague <day> <time> [focus]`',
    does: 'ask a colleague to come and watch your lesson (your time); afterwards they answer three open questions about what they noticed, for you alone, and you are asked one question to reflect on',
    who: 'everyone',
    examples: ['invite @sam thu 1:30pm exit tickets', 'invite @sam 2026-12-08 10:00'],
  },
  model: {
    forms: '`model @colleague <day> <time> [focus]`',
    does: 'offer to model a lesson for a colleague, who comes and watches (your time); afterwards they answer three open questions about what they noticed, for you alone',
    who: 'everyone, mentors and coaches especially',
    examples: ['model @sam wed 11:00 guided reading'],
  },
  visits: {
    forms: '`visits`',
    does: 'your visits still to come, with a button to cancel each (the other teacher is told)',
    who: 'everyone, for their own visits',
    examples: ['visits'],
  },
  status: {
    forms: '`status`',
    does: 'where the circle stands: the session and who has answered so far, the next scheduled session, the mid-week prompt and the facilitators',
    who: "everyone, in a community's channel",
    examples: ['status'],
  },
  undo: {
    forms: '`undo`',
    does: 'bring back the goal you last marked achieved or set aside, or the prompt you last retired (within a day)',
    who: 'everyone, for their own goals',
    examples: ['undo'],
  },
  'forget-me': {
    forms: '`forget-me`',
    does: 'delete everything kept of yours (asks first)',
    who: 'everyone, for themselves',
    examples: ['forget-me'],
  },
} as const satisfies Record<string, CommandDoc>;

export type CommandWord = keyof typeof COMMANDS;

/** The examples as code, for a sentence: `a` or `b`. */
export const examplesOf = (word: CommandWord): string =>
  COMMANDS[word].examples.map((example) => `\`${example}\``).join(' or ');

/** One line per command word: what usage hints show. */
export const USAGE = Object.fromEntries(
  Object.entries(COMMANDS).map(([word, doc]) => [word, `${doc.forms}, for example ${examplesOf(word as CommandWord)}`]),
) as Record<CommandWord, string>;
