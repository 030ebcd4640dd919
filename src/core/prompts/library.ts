// The built-in reflection prompts. Each is one open question a teacher can answer in a chat message
// in a minute or two: about their own classroom and students, strengths first, never a judgement.
// Keys are stored with every prompt posted, so they are permanent: never renumber or reuse one; add
// new prompts at the end of their theme with the next number. The numbers people see are another
// matter: each community keeps its own, for life (migration 0019), and a prompt added here later
// takes the next free number in each community, after any custom ones.

export type PromptTheme = 'strengths' | 'student-impact' | 'next-step' | 'challenge' | 'community' | 'goals';

export const PROMPT_THEMES: readonly PromptTheme[] = [
  'strengths',
  'student-impact',
  'next-step',
  'challenge',
  'community',
  'goals',
];

export const THEME_LABELS: Record<PromptTheme, string> = {
  strengths: 'Strengths',
  'student-impact': 'Student impact',
  'next-step': 'Next step',
  challenge: 'Challenge',
  community: 'Community',
  goals: 'Goals',
};

export interface Prompt {
  key: string;
  theme: PromptTheme;
  text: string;
}

const byTheme: Record<PromptTheme, readonly string[]> = {
  strengths: [
    'What is one moment from this week when your teaching felt most like you?',
    'Which routine in your classroom is quietly doing a lot of work for you?',
    'What did you do this week that you would happily show a colleague?',
    'Where did a lesson go better than you planned, and what made the difference?',
    'What strength of yours did your students benefit from most this week?',
    'Which small change you made recently is paying off?',
    'What are you doing now that you could not have done a year ago?',
    'When did you feel calm and in flow in front of your class this week?',
  ],
  'student-impact': [
    'Which student surprised you this week, and what did you notice?',
    'What did your students do this week that showed you they were really learning?',
    'How did a student who usually holds back take part this week?',
    'What question from a student stayed with you, and why?',
    'Where did you see students helping each other learn?',
    'What evidence of progress from your students are you proudest of lately?',
    'How are your students different now from the start of the term?',
    'What did a student say or make this week that made you smile?',
  ],
  'next-step': [
    'What is one thing you could do this week to move your practice forward?',
    'What would have the greatest impact for your students if you tried it next week?',
    'Which idea from a colleague would you like to try, and how might it look in your room?',
    'What is the smallest next step that would make a real difference?',
    'What would you like to experiment with before our next session?',
    'How could you build on something that worked well this week?',
    'What support would help you take your next step?',
    'Which part of a lesson would you most like to rework, and how?',
  ],
  challenge: [
    'What is one thing that felt hard this week, and what did it teach you?',
    'Where are you stuck right now, and what have you tried so far?',
    'What are your hopes for how you will handle a tricky moment like this next time?',
    'Which part of your day drains your energy most, and what could lighten it?',
    'What would you tell a new teacher facing the challenge you faced this week?',
    'How did you recover from a lesson that did not go as planned?',
    'What is one constraint you work within, and how have you found room inside it?',
    'What would make a difficult class period feel more manageable?',
  ],
  community: [
    'What have you learned from someone in this group that you are using now?',
    'How could this group support you over the next few weeks?',
    'Which colleague would you like to learn more from, and about what?',
    'What would you like to hear about from others in this group?',
    'What is something from your classroom that others here might find useful?',
    'How has talking with colleagues changed how you see your own practice?',
    'What would make these sessions even more useful for you?',
    'Whose work in this group has inspired you lately, and how?',
  ],
  goals: [
    'How is your current goal going, and what have you noticed along the way?',
    'What would it look like in your classroom if your goal were met?',
    'What progress toward your goal are you proudest of so far?',
    'How might you reshape your goal so it fits where you are now?',
    'What is the next measurable step toward your goal?',
    'What helps you keep your goal in mind during a busy week?',
    'How will you know your goal is making a difference for your students?',
    'What have you learned about yourself while working toward your goal?',
  ],
};

export const BUILT_IN_PROMPTS: readonly Prompt[] = PROMPT_THEMES.flatMap((theme) =>
  byTheme[theme].map((text, index) => ({ key: `${theme}-${index + 1}`, theme, text })),
);
