import { chunk, say } from '../digest/render-parts.js';
import type { Message } from '../messages.js';
import type { LocalDate } from '../time/local-time.js';
import type { TermFigures } from './rotation.js';

// What rotation says. Admins choose the next mentors from figures across all mentors, never from
// who did more; a mentor's own counts go to them alone, as thanks.

const topicsText = (topics: readonly string[]) => (topics.length ? topics.join(', ') : 'any topic');
const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

const NAMING_HELP = [
  "To choose next term's mentors:",
  '• `rotation next @person [topics]` names someone (a mentor now carries on with their topics if you give none)',
  '• `rotation drop @person` takes a name back',
  '• `rotation <date>` moves the end of the term',
].join('\n');

const WHAT_HAPPENS =
  "When the term ends, mentors not named again are thanked and step down, and the people named are welcomed. If nobody is named, today's mentors carry on for another term.";

export interface NamedMentor {
  name: string;
  topics: readonly string[];
}

/** Mentors listed by name in one message; a district's longer list ends with how many more. */
const LISTED = 40;

/** A titled list of people and their topics, in sections that fit the platforms' limits. */
function listed(title: string, people: readonly NamedMentor[]): string[] {
  const lines = people.slice(0, LISTED).map((n) => `• ${n.name}: ${topicsText(n.topics)}`);
  const more = people.length - LISTED;
  return chunk([
    title,
    ...lines,
    ...(more > 0 ? [`…and ${more} more (\`mentors\` lists everyone mentoring now).`] : []),
  ]);
}

function namedSoFar(next: readonly NamedMentor[]): string[] {
  return next.length === 0
    ? ['Nobody is named for next term yet.']
    : listed(`Named for next term (${next.length}):`, next);
}

/** `rotation`: when the term ends, who is named for the next, and how to name them. */
export function rotationMessage(input: {
  endsOn: LocalDate;
  chosen: boolean;
  noticeOn: LocalDate;
  noticeSent: boolean;
  next: readonly NamedMentor[];
}): Message {
  const why = input.chosen
    ? ''
    : ' (the end of the school year: the last school day before the long break in `calendar`, or 30 June)';
  const notice = input.noticeSent
    ? "Admins have had the note to choose next term's mentors."
    : `On ${input.noticeOn}, a month before, admins get a note to choose next term's mentors, with figures across all mentors.`;
  return {
    text: `Mentor terms end on ${input.endsOn}${why}.`,
    sections: [notice, ...namedSoFar(input.next), NAMING_HELP, WHAT_HAPPENS],
  };
}

/** To each admin, a month before the end: figures across all mentors only, and how to choose. */
export function rotationNoticeMessage(input: {
  endsOn: LocalDate;
  mentors: readonly NamedMentor[];
  next: readonly NamedMentor[];
  figures: TermFigures;
  threshold: number;
}): Message {
  const { figures, threshold } = input;
  const asks = `This term so far, across all ${plural(input.mentors.length, 'mentor', 'mentors')}: ${say(figures.made, threshold)} asks for help, ${say(figures.taken, threshold)} taken by a mentor or a leader.`;
  const topics = figures.topics.length
    ? `Topics colleagues asked about most: ${figures.topics.join(', ')}.`
    : `No topic was asked about by ${threshold} or more people, so none is named.`;
  const current = input.mentors.length
    ? listed('Mentors this term:', input.mentors)
    : ['There are no mentors this term.'];
  return {
    text: `Mentor terms end on ${input.endsOn}: time to choose next term's mentors.`,
    sections: [
      `${asks} ${topics} Figures drawn from fewer than ${threshold} people are not shown, and nothing here says who helped more: mentoring is not measured person by person.`,
      ...current,
      ...namedSoFar(input.next),
      'Rotating mentors lets more colleagues be recognised for what they know, and lets everyone find a mentor who fits. Someone who asked about a topic often may be glad to mentor on it next.',
      NAMING_HELP,
      WHAT_HAPPENS,
    ],
  };
}

/** To a mentor at the end of their term: what they gave, in their own counts, seen by them alone. */
export function rotationThanksMessage(input: {
  from: LocalDate;
  to: LocalDate;
  taken: number;
  people: number;
  continuing: { topics: readonly string[] } | null;
}): Message {
  const gave =
    input.taken === 0
      ? 'No ask came your way this term, and being there to ask mattered all the same.'
      : `You took ${plural(input.taken, 'ask', 'asks')} for one-on-one help, from ${plural(input.people, 'colleague', 'colleagues')}.`;
  const next = input.continuing
    ? `You carry on as a mentor next term, on: ${topicsText(input.continuing.topics)}. \`mentor away <days>\` and \`mentor capacity <n>\` still work as before.`
    : "Your term as a mentor ends today. Colleagues can still come to you as a colleague, and `ask` finds next term's mentors for you too.";
  return {
    text: 'Thank you for mentoring this term.',
    sections: [
      `From ${input.from} to ${input.to}: ${gave}`,
      'These figures are yours alone: nobody else is shown them.',
      next,
    ],
  };
}

/** To each admin, when a term ends with nobody named for the next: nothing changed. */
export function rotationCarriedOnMessage(input: { endedOn: LocalDate; mentors: number; nextEnd: LocalDate }): Message {
  return {
    text: `Mentor terms ended on ${input.endedOn}, but nobody was named for next term, so today's ${plural(input.mentors, 'mentor carries', 'mentors carry')} on until ${input.nextEnd}.`,
    sections: [NAMING_HELP],
  };
}
