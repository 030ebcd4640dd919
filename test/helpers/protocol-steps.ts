// The steps as the thread shows them, written out here (not read from the code under test), so a
// test fails when a step goes missing, moves or is renamed.

export const TUNING_STEPS = [
  'Step 1 of 6: Presentation',
  'Step 2 of 6: Clarifying questions',
  'Step 3 of 6: Pause',
  'Step 4 of 6: Warm and cool feedback',
  'Step 5 of 6: Presenter reflection',
  'Step 6 of 6: Debrief',
];

export const CONSULTANCY_STEPS = [
  'Step 1 of 6: The dilemma',
  'Step 2 of 6: Clarifying questions',
  'Step 3 of 6: Probing questions',
  'Step 4 of 6: Discussion',
  "Step 5 of 6: Presenter's response",
  'Step 6 of 6: Debrief',
];
