// Reflection prompts are open questions: a yes/no question closes a conversation before it starts.

const MAX_PROMPT_LENGTH = 500;

const YES_NO_OPENERS = new Set([
  'do',
  'does',
  'did',
  "don't",
  "doesn't",
  "didn't",
  'is',
  'are',
  'was',
  'were',
  "isn't",
  "aren't",
  "wasn't",
  "weren't",
  'am',
  'can',
  'could',
  "can't",
  "couldn't",
  'will',
  'would',
  "won't",
  "wouldn't",
  'shall',
  'should',
  "shouldn't",
  'have',
  'has',
  'had',
  "haven't",
  "hasn't",
  "hadn't",
  'may',
  'might',
  'must',
]);

export type OpenEndedCheck = { ok: true } | { ok: false; suggestion: string };

/** Checks a question before it joins the library, with a friendly suggestion when it is closed. */
export function checkOpenEnded(text: string): OpenEndedCheck {
  const question = text.trim();
  if (!question)
    return { ok: false, suggestion: 'Write the question you would like to ask, starting with What or How.' };
  if (question.length > MAX_PROMPT_LENGTH) {
    return {
      ok: false,
      suggestion: `Please keep the question under ${MAX_PROMPT_LENGTH} characters, so it reads well in a chat.`,
    };
  }
  const first =
    question
      .replace(/^["'“‘\s]+/, '')
      .split(/[\s,?]+/)[0]
      ?.toLowerCase()
      .replace('’', "'") ?? '';
  if (!YES_NO_OPENERS.has(first)) return { ok: true };
  // Keeping the opener after "In what ways" reads naturally for nearly every yes/no question.
  const body = question
    .replace(/^["'“‘\s]+/, '')
    .replace(/["'”’]+$/, '')
    .replace(/\?+\s*$/, '');
  const example = body.includes(' ')
    ? ` For example: "In what ways ${body.charAt(0).toLowerCase()}${body.slice(1)}?"`
    : '';
  return {
    ok: false,
    suggestion: `That question can be answered with a yes or a no. Open questions get people talking: try starting with What or How.${example}`,
  };
}
