import { DomainError } from './errors.js';
import { graphemes } from './text/graphemes.js';

/** The longest community name, in characters as a reader counts them (an emoji is one). */
const MAX_COMMUNITY_NAME = 80;

/**
 * A community's name as given, trimmed; refused when it is longer than the limit, never cut: a name
 * cut short silently is not the name anyone chose. `example` is the command to show, like `rename`.
 */
export function communityName(written: string, example: 'setup' | 'rename'): string {
  const name = written.trim();
  const length = graphemes(name).length;
  if (length > MAX_COMMUNITY_NAME) {
    throw new DomainError(
      'NameTooLong',
      `A community name can be at most ${MAX_COMMUNITY_NAME} characters, and this one has ${length}. Try a shorter one, like \`${example} Grade 3 Literacy\`.`,
    );
  }
  return name;
}
