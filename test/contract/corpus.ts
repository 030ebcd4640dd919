import type { Activity } from 'botbuilder';
import {
  renderMessage as slackMessage,
  renderMessages as slackMessages,
  renderModal,
} from '../../adapters/slack/blocks.js';
import { SLACK_LIMITS } from '../../adapters/slack/limits.js';
import { renderForm, renderMessages as teamsMessages } from '../../adapters/teams/cards.js';
import { METRICS, type Metric, type Shown, type ShownFigures, type StoredWeek } from '../../src/core/digest/figures.js';
import { renderDigest } from '../../src/core/digest/render.js';
import { goalForm } from '../../src/core/goals/goal-form.js';
import { helpMessage } from '../../src/core/help.js';
import type { Checkin } from '../../src/core/model.js';
import { checkinForm } from '../../src/core/session-messages.js';
import { summaryMessages } from '../../src/core/summary.js';
import { cutToUnits } from '../../src/core/text/graphemes.js';
import { pairFollowUp, pairIntroduction } from '../../src/core/pairing/messages.js';
import {
  rotationCarriedOnMessage,
  rotationMessage,
  rotationNoticeMessage,
  rotationThanksMessage,
} from '../../src/core/mentoring/rotation-messages.js';
import type { SlackMessagePayload, SlackView } from '../helpers/slack-limits.js';
import { emptyTables, openTestDatabase } from '../helpers/databases.js';
import { LONGEST, PEOPLE, scenario } from './corpus-scenarios.js';
import { busyMember, type CoreItem } from './corpus-items.js';

export type { CoreItem } from './corpus-items.js';
// Every message, modal, Home view and card the bot renders, as Slack and Teams would receive them.
// The core's messages are captured by driving its use cases as an adapter does (commands, thread
// replies, buttons, forms, a nudge), once for each text below, and from the builders that need no
// context (summary, digest, forms). Each capture is then rendered by both adapters.

export type SlackMethod = 'chat.postMessage' | 'chat.update' | 'chat.postEphemeral' | 'views.open' | 'views.publish';
/**
 * A message's `text` and `blocks`, or a view under `view`, typed as @slack/types has them. The
 * renderers build plain objects, so the types say what each payload claims to be; the limits
 * checker (test/helpers/slack-limits.ts) is what holds it to that.
 */
/** `item`: the core item it renders; a long message is several Slack messages. */
export type SlackPayload =
  | { name: string; item: string; method: Exclude<SlackMethod, `views.${string}`>; body: SlackMessagePayload }
  | { name: string; item: string; method: Extract<SlackMethod, `views.${string}`>; body: { view: SlackView } };

export interface TeamsPayload {
  name: string;
  /** The core item it renders: a long message is several activities. */
  item: string;
  activity: Partial<Activity>;
}

/** Cut points: a wall of one emoji sequence, shifted by 0-3 units, puts a cut inside it at any limit. */
const EMOJI = { thumbs: '👍🏽', flag: '🇺🇦', family: '👩‍👩‍👧‍👦', rainbow: '🏳️‍🌈' } as const;

/** The texts people write into every field, each made as long as the field takes. */
export const TEXTS: Record<string, (max: number) => string> = {
  normal: () => 'Small-group phonics went well this week',
  markup: (max) =>
    cutToUnits(
      '*bold* _it_ ~gone~ `code` [click here](https://evil.example/login) <https://evil.example|x> <!channel> <@U123> @everyone ' +
        '<at>Ana</at> <script>alert(1)</script> &amp; &lt;b&gt;\n# heading\n- item\n1. one > quote | a | b |',
      max,
    ),
  nul: (max) => cutToUnits(`before\u0000after ${'word '.repeat(max)}`, max),
  plainLong: (max) => 'a'.repeat(max),
  // Quotes, backslashes and control characters grow when a button's value carries them as JSON.
  escapes: (max) => cutToUnits('"\\\u0001\t'.repeat(max), max),
  ...Object.fromEntries(
    Object.entries(EMOJI).flatMap(([label, sequence]) =>
      [0, 1, 2, 3].map((shift) => [
        `${label}+${shift}`,
        (max: number) => cutToUnits('x'.repeat(shift) + sequence.repeat(Math.ceil(max / sequence.length) + 1), max),
      ]),
    ),
  ),
};

/** Builders that need no context: the summary of a full session, the digest, the forms at their limits. */
function built(): CoreItem[] {
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

/** The same core item captured twice (a constant refusal, the help) is kept once. */
function distinct(items: CoreItem[]): CoreItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify({ ...item, name: undefined });
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

let cached: Promise<CoreItem[]> | undefined;

/** Every core item, from every text: computed once per test file. */
export function coreCorpus(): Promise<CoreItem[]> {
  cached ??= (async () => {
    const captured: CoreItem[] = [];
    // One embedded database, emptied before each community's life.
    const database = await openTestDatabase('pglite');
    try {
      for (const [label, text] of Object.entries(TEXTS)) {
        await emptyTables(database);
        captured.push(...(await scenario(database, label, text)));
      }
      await emptyTables(database);
      captured.push(...(await busyMember(database, 30)));
    } finally {
      await database.close();
    }
    return distinct([...captured, ...built()]);
  })();
  return cached;
}

const SLACK_METHOD: Record<
  Extract<CoreItem, { kind: 'message' }>['surface'],
  Exclude<SlackMethod, `views.${string}`>
> = {
  post: 'chat.postMessage',
  reply: 'chat.postMessage',
  dm: 'chat.postMessage',
  // Posted in the group DM conversations.open answers with.
  introduce: 'chat.postMessage',
  files: 'chat.postMessage',
  update: 'chat.update',
  ephemeral: 'chat.postEphemeral',
};

/** What a rendered payload claims to be: the renderers build plain objects (see SlackPayload). */
const claimed = <T>(payload: unknown): T => payload as T;

/** Each item as the Slack adapter sends it (the Home view as SlackChat.publishHome builds it). */
export function slackPayloads(items: CoreItem[]): SlackPayload[] {
  return items.flatMap((item): SlackPayload[] => {
    const { name } = item;
    switch (item.kind) {
      case 'form':
        return [
          {
            name,
            item: name,
            method: 'views.open',
            body: { view: claimed<SlackView>(renderModal(item.form, 'C-circle')) },
          },
        ];
      case 'home':
        return [
          {
            name,
            item: name,
            method: 'views.publish',
            body: {
              view: claimed<SlackView>({
                type: 'home',
                blocks: slackMessage(item.message, SLACK_LIMITS.blocksPerView).blocks,
              }),
            },
          },
        ];
      case 'message': {
        // An update replaces one message; anything else goes on in more messages when it is long.
        const method = SLACK_METHOD[item.surface];
        const parts = item.surface === 'update' ? [slackMessage(item.message)] : slackMessages(item.message);
        return parts.map((part, index) => ({
          name: index === 0 ? name : `${name} (part ${index + 1})`,
          item: name,
          method,
          body: claimed<SlackMessagePayload>(part),
        }));
      }
    }
  });
}

/** Each item as the Teams adapter sends it: a card, or a plain Markdown message when nothing is pressed. */
export function teamsPayloads(items: CoreItem[]): TeamsPayload[] {
  return items.flatMap((item) => {
    const activities = item.kind === 'form' ? [renderForm(item.form, 'C-circle')] : teamsMessages(item.message);
    return activities.map((activity, part) => ({
      name: part === 0 ? item.name : `${item.name} (part ${part + 1})`,
      item: item.name,
      activity,
    }));
  });
}
