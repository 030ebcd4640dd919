// Mentors: colleagues a teacher can go to one-on-one for ideas and resources, never evaluators.
// Admins name them for the whole workspace; a circle's facilitators may name them for their circle.

export interface Mentor {
  memberId: number;
  workspaceId: number;
  /** The circle whose facilitator named them; null: an admin named them for the whole workspace. */
  communityId: number | null;
  /** Short tags, as written (`google classroom`, `grade 3 literacy`), in the order given. */
  topics: string[];
  /** How many asks a week they are glad to take. */
  perWeek: number;
  /** `mentor away <days>`: no asks are offered to them until then. */
  awayUntil: Date | null;
  since: Date;
}

export const MAX_PER_WEEK = 20;
const MAX_TOPICS = 8;
const MAX_TOPIC_LENGTH = 40;
export const MAX_AWAY_DAYS = 120;

/**
 * Topic tags from what follows the mention: separated by commas (or semicolons), each trimmed and
 * collapsed to single spaces, duplicates (ignoring case) dropped. An error names what is wrong.
 */
export function readTopics(written: string): { topics: string[] } | { problem: string } {
  const seen = new Set<string>();
  const topics: string[] = [];
  for (const raw of written.split(/[,;]/)) {
    const topic = raw.trim().replace(/\s+/g, ' ').replace(/^#/, '');
    if (!topic) continue;
    if ([...topic].length > MAX_TOPIC_LENGTH)
      return { problem: `A topic is a short tag of up to ${MAX_TOPIC_LENGTH} characters, like \`google classroom\`.` };
    const folded = topic.toLowerCase();
    if (seen.has(folded)) continue;
    seen.add(folded);
    topics.push(topic);
  }
  if (topics.length > MAX_TOPICS) return { problem: `Up to ${MAX_TOPICS} topics, separated by commas.` };
  return { topics };
}
