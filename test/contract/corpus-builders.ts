import { METRICS, type Metric, type Shown, type ShownFigures, type StoredWeek } from '../../src/core/digest/figures.js';
import { renderDigest } from '../../src/core/digest/render.js';
import { goalForm } from '../../src/core/goals/goal-form.js';
import { helpMessage } from '../../src/core/help.js';
import type { Checkin } from '../../src/core/model.js';
import { checkinForm } from '../../src/core/session-messages.js';
import { summaryMessages } from '../../src/core/summary.js';
import { pairFollowUp, pairIntroduction } from '../../src/core/pairing/messages.js';
import {
  rotationCarriedOnMessage,
  rotationMessage,
  rotationNoticeMessage,
  rotationThanksMessage,
} from '../../src/core/mentoring/rotation-messages.js';
import type { CoreItem } from './corpus-items.js';
import { LONGEST, PEOPLE } from './corpus-life.js';
import { TEXTS } from './corpus-texts.js';

// The core items whose builders need no community behind them, made from every text.

/** Builders that need no context: the summary of a full session, the digest, the forms at their limits. */
export function built(): CoreItem[] {
  const checkins = (phase: 'opening' | 'closing', length: number, text: (max: number) => string): Checkin[] =>
    Array.from({ length: PEOPLE }, (_, i) => ({
      memberId: i + 1,
      memberName: `Teacher ${i + 1}`,
      phase,
      text: text(length),
      sharedWithLeaders: false,
    }));
  const items: CoreItem[] = [];
  // NUL never gets this far: it is taken out where requests come in.
  for (const [label, text] of Object.entries(TEXTS).filter(([label]) => label !== 'nul')) {
    // The summary as a session posts it: in messages split between answers.
    const summary = summaryMessages({
      communityName: text(80),
      topic: text(200),
      checkins: [...checkins('opening', 1000, text), ...checkins('closing', 1000, text)],
      reflections: [],
      promptText: text(300),
    });
    summary.forEach((message, part) =>
      items.push({ name: `${label}/summary-12-people/${part}`, kind: 'message', surface: 'reply', message }),
    );
    // Everyone answering twice in a phase, and reflections on two prompts, all quoted.
    const twice = [...checkins('opening', 500, text), ...checkins('opening', 500, text)];
    const reflections = [1, 2].flatMap((promptPostId) =>
      twice.map((c) => ({ promptPostId, memberId: c.memberId, memberName: c.memberName, text: text(500) })),
    );
    const prompts = [1, 2].map((id) => ({ id, text: text(300) }));
    summaryMessages({
      communityName: text(80),
      topic: text(200),
      checkins: twice,
      reflections,
      promptText: text(300),
      prompts,
    }).forEach((message, part) =>
      items.push({ name: `${label}/summary-answers-adding-up/${part}`, kind: 'message', surface: 'reply', message }),
    );
    // 40 circles: one screen with the table as a file, and every circle in the message where no file can go.
    items.push({ name: `${label}/digest`, kind: 'message', surface: 'dm', message: renderDigest(digestContent(text)) });
    items.push({
      name: `${label}/digest-every-circle`,
      kind: 'message',
      surface: 'dm',
      message: renderDigest(digestContent(text), 'full'),
    });
    // A pairing round's trio introduction and its follow-up, every name and the question at their longest.
    items.push({
      name: `${label}/pairs-introduction`,
      kind: 'message',
      surface: 'introduce',
      message: pairIntroduction({
        circle: text(80),
        names: [text(80), text(80), text(80)],
        question: text(300),
        mentorNames: [text(80)],
      }),
    });
    items.push({
      name: `${label}/pairs-follow-up`,
      kind: 'message',
      surface: 'dm',
      message: pairFollowUp({ roundId: 1, circle: text(80), others: [text(80), text(80)] }),
    });
    // A district's rotation: more mentors than one message names, each with eight topics at their longest.
    const mentors = Array.from({ length: 45 }, () => ({
      name: text(80),
      topics: Array.from({ length: 8 }, () => text(40)),
    }));
    const figures = {
      made: { kind: 'count', count: 1234 },
      taken: { kind: 'too-few' },
      topics: Array.from({ length: 8 }, () => text(40)),
    } as const;
    items.push({
      name: `${label}/rotation-notice`,
      kind: 'message',
      surface: 'dm',
      message: rotationNoticeMessage({ endsOn: '2027-06-24', mentors, next: mentors, figures, threshold: 10 }),
    });
    items.push({
      name: `${label}/rotation`,
      kind: 'message',
      surface: 'ephemeral',
      message: rotationMessage({
        endsOn: '2027-06-24',
        chosen: false,
        noticeOn: '2027-05-25',
        noticeSent: false,
        next: mentors,
      }),
    });
    items.push({
      name: `${label}/rotation-thanks`,
      kind: 'message',
      surface: 'dm',
      message: rotationThanksMessage({
        from: '2026-08-20',
        to: '2027-06-24',
        taken: 31,
        people: 17,
        continuing: { topics: mentors[0]?.topics ?? [] },
      }),
    });
    items.push({
      name: `${label}/goal-form-filled`,
      kind: 'form',
      form: goalForm(
        { specific: text(200), measure: text(200), firstStep: text(200), relevance: text(300) },
        { reworks: 1 },
      ),
    });
  }
  const session = { id: 1 } as Parameters<typeof checkinForm>[0];
  for (const phase of ['opening', 'reflection', 'closing'] as const)
    items.push({ name: `checkin-form-${phase}`, kind: 'form', form: checkinForm(session, phase) });
  items.push({ name: 'help', kind: 'message', surface: 'ephemeral', message: helpMessage() });
  items.push({
    name: 'rotation-carried-on',
    kind: 'message',
    surface: 'dm',
    message: rotationCarriedOnMessage({ endedOn: '2027-06-24', mentors: 12, nextEnd: '2028-06-30' }),
  });
  return items;
}

function digestContent(text: (max: number) => string): Parameters<typeof renderDigest>[0] {
  const shown = (value: Shown): ShownFigures =>
    Object.fromEntries(METRICS.map((m: Metric) => [m, value])) as ShownFigures;
  const row = (people: number) => ({
    sessionsHeld: 2,
    sessionsMissed: 1,
    figures: shown(people >= 3 ? { kind: 'count', count: people } : { kind: 'too-few' }),
  });
  const circles = Array.from({ length: 40 }, (_, i) => ({ communityId: i + 1, ...row(i % 4) }));
  const stored: StoredWeek = {
    version: 2,
    weekStart: '2026-02-23',
    from: '2026-02-23T00:00:00.000Z',
    to: '2026-03-02T00:00:00.000Z',
    threshold: 3,
    circles,
    pool: null,
    total: row(40),
    // Quiet circles with and without a schedule, one stored before weeks were kept, more than are named, and one without a facilitator.
    suggestions: [
      ...circles
        .slice(0, 11)
        .map((c, i) => ({ kind: 'quiet' as const, communityId: c.communityId, scheduled: i % 2 === 0, weeks: 2 + i })),
      { kind: 'quiet', communityId: 12 },
      { kind: 'no-facilitator', communityId: 13 },
    ],
    // Mentoring at its widest figures, one of them drawn from too few people.
    mentoring: {
      asksMade: { kind: 'count', count: 123_456 },
      asksAnswered: { kind: 'too-few' },
      pairsIntroduced: { kind: 'count', count: 123_456 },
      pairsMet: { kind: 'count', count: 123_456 },
      protocolsHeld: { kind: 'count', count: 123_456 },
      visitsMade: { kind: 'withheld' },
    },
  };
  return {
    preview: true,
    stored,
    names: new Map(circles.map((c) => [c.communityId, text(80)])),
    highlights: circles.slice(0, 20).map((c) => ({ communityId: c.communityId, text: text(LONGEST) })),
    trend: { weekStarts: ['2026-02-16', '2026-02-23'], weeks: [stored] },
    // Suggestions from mentors at their longest, named and not, more than the digest shows.
    suggestions: {
      shown: Array.from({ length: 10 }, (_, i) => ({ text: text(500), by: i % 2 ? text(80) : null })),
      total: 14,
    },
    soFar: { sessionsHeld: 3 },
  };
}
