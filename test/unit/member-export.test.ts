import { describe, expect, it } from 'vitest';
import type { MemberData } from '../../src/core/export/member-data.js';
import { buildMemberExport, csvCell, describeMemberData, goalsCsv } from '../../src/core/export/member-export.js';

const now = new Date('2026-03-10T12:00:00Z');

function data(overrides: Partial<MemberData> = {}): MemberData {
  return {
    member: {
      name: 'Ana María',
      timeZone: 'America/Chicago',
      isAdmin: false,
      joinedAt: new Date('2026-01-05T10:00:00Z'),
      nudges: { enabled: true, day: 2, minute: 930 },
    },
    communities: [{ name: 'Grade 3', isFacilitator: true, joinedAt: new Date('2026-01-05T10:00:00Z') }],
    checkins: [],
    reflections: [],
    protocolReplies: [],
    goals: [
      {
        id: 7,
        community: 'Grade 3',
        specific: 'Read aloud, with "voices"',
        measure: '20 read-alouds',
        target: 20,
        unit: 'read-alouds',
        firstStep: '=HYPERLINK("http://example.invalid")',
        relevance: null,
        dueOn: '2026-05-29',
        cadence: 'weekly',
        status: 'active',
        reworksGoalId: null,
        celebrate: false,
        createdAt: new Date('2026-02-01T09:00:00Z'),
        endedAt: null,
        updates: [
          { value: 4, note: 'first week', at: new Date('2026-02-08T09:00:00Z') },
          { value: 9, note: null, at: new Date('2026-02-15T09:00:00Z') },
        ],
      },
    ],
    mentoring: { mentor: null, asks: [], helped: [], suggestions: [], pairings: [], nextTerm: null, visits: [] },
    ...overrides,
  };
}

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks, and leaves plain text alone', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(12.5)).toBe('12.5');
  });

  it('keeps a spreadsheet from running what someone typed as a formula', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+44 123')).toBe("'+44 123");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-3)).toBe('-3');
  });
});

describe('the member export', () => {
  it('lists each goal on a row under a header, with its latest value and how many updates', () => {
    const lines = goalsCsv(data().goals).trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      'goal,community,what I will do,how I will know,target,unit,first step,why it matters,by when,check in,status,reworks goal,set on,ended on,latest value,progress updates',
    );
    expect(lines[1]).toBe(
      `7,Grade 3,"Read aloud, with ""voices""",20 read-alouds,20,read-alouds,"'=HYPERLINK(""http://example.invalid"")",,2026-05-29,weekly,going,,2026-02-01,,9,2`,
    );
  });

  it('calls each ending by the words the chat uses: a dropped goal is "set aside"', () => {
    const [goal] = data().goals;
    if (!goal) throw new Error('the fixture has a goal');
    const ended = (status: 'achieved' | 'reworked' | 'dropped') => ({
      ...goal,
      status,
      endedAt: new Date('2026-03-01T09:00:00Z'),
    });
    const rows = goalsCsv([ended('dropped'), ended('achieved'), ended('reworked')])
      .trimEnd()
      .split('\r\n')
      .slice(1);
    expect(rows.map((row) => row.split(',').at(-6))).toEqual(['set aside', 'achieved', 'reworked into a new goal']);
    expect(goalsCsv([ended('dropped')])).not.toContain('dropped');
  });

  it('counts what it holds with nouns that agree: 1 reflection, 2 check-ins, no goals', () => {
    const one = { memberId: 1 } as never;
    expect(describeMemberData({ checkins: [one, one], reflections: [one], goals: [] })).toBe(
      '2 check-ins, 1 reflection and 0 goals',
    );
    expect(describeMemberData({ checkins: [one], reflections: [], goals: data().goals })).toBe(
      '1 check-in, 0 reflections and 1 goal',
    );
  });

  it('names the files after the person and the day, and the JSON holds everything', () => {
    const files = buildMemberExport(data(), now);
    expect(files.map((f) => f.name)).toEqual([
      'mentor-circle-ana-maria-2026-03-10.json',
      'mentor-circle-ana-maria-2026-03-10-goals.csv',
    ]);
    const json = JSON.parse(files[0]?.content ?? '') as Record<string, unknown>;
    expect(json.exportedAt).toBe('2026-03-10T12:00:00.000Z');
    expect(json.you).toEqual({
      name: 'Ana María',
      timeZone: 'America/Chicago',
      admin: false,
      firstSeen: '2026-01-05T10:00:00.000Z',
      nudges: { day: 'tuesday', time: '15:30' },
    });
    expect((json.goals as { updates: unknown[] }[])[0]?.updates).toHaveLength(2);
  });

  it('says nudges are off when they are, and gives a name without letters a safe file name', () => {
    const files = buildMemberExport(
      data({ member: { ...data().member, name: '🙂🙂', nudges: { enabled: false, day: 2, minute: 930 } } }),
      now,
    );
    expect(files[0]?.name).toBe('mentor-circle-member-2026-03-10.json');
    expect((JSON.parse(files[0]?.content ?? '') as { you: { nudges: unknown } }).you.nudges).toBe('off');
  });

  it('holds their mentoring readably: their own asks in full, asks they helped with as dates only, and their suggestions to leaders', () => {
    const mentoring: MemberData['mentoring'] = {
      mentor: {
        circle: null,
        topics: ['google classroom', 'grade 3 literacy'],
        perWeek: 2,
        awayUntil: null,
        since: new Date('2026-02-02T09:00:00Z'),
      },
      asks: [
        {
          text: 'Ideas for small-group phonics',
          whenSuits: 'Tuesday after school',
          urgency: 'this-week',
          status: 'taken',
          askedAt: new Date('2026-02-10T09:00:00Z'),
          takenAt: new Date('2026-02-10T11:00:00Z'),
          followUp: 'It helped a lot',
        },
        {
          text: null,
          whenSuits: null,
          urgency: null,
          status: 'unanswered',
          askedAt: new Date('2026-02-20T09:00:00Z'),
          takenAt: null,
          followUp: null,
        },
      ],
      helped: [{ askedAt: new Date('2026-02-12T09:00:00Z'), takenAt: new Date('2026-02-12T10:00:00Z') }],
      suggestions: [
        { text: 'A shared planning period for grade 3', named: false, at: new Date('2026-02-13T09:00:00Z') },
      ],
      pairings: [{ circle: 'Grade 3', at: new Date('2026-02-16T15:00:00Z'), met: true }],
      nextTerm: { topics: ['phonics'], namedAt: new Date('2026-02-20T09:00:00Z') },
      visits: [
        {
          kind: 'invite',
          youAsked: true,
          youObserved: false,
          at: new Date('2026-02-17T10:00:00Z'),
          status: 'noted',
          focus: 'exit tickets',
          notes: ['I noticed every student wrote one', '', ''],
          reflection: 'Try it twice a week',
        },
        {
          kind: 'visit',
          youAsked: true,
          youObserved: true,
          at: new Date('2026-02-18T10:00:00Z'),
          status: 'noted',
          focus: null,
          notes: ['Calm transitions'],
          reflection: null,
        },
      ],
    };
    const json = JSON.parse(buildMemberExport(data({ mentoring }), now)[0]?.content ?? '') as { mentoring: unknown };
    expect(json.mentoring).toEqual({
      asMentor: {
        for: 'the whole workspace',
        topics: ['google classroom', 'grade 3 literacy'],
        asksAWeek: 2,
        awayUntil: null,
        since: '2026-02-02T09:00:00.000Z',
      },
      yourAsks: [
        {
          asked: 'Ideas for small-group phonics',
          whenSuits: 'Tuesday after school',
          urgency: 'this week',
          status: 'someone took it',
          askedAt: '2026-02-10T09:00:00.000Z',
          takenAt: '2026-02-10T11:00:00.000Z',
          yourFollowUp: 'It helped a lot',
        },
        {
          asked: null,
          whenSuits: null,
          urgency: null,
          status: "no mentor could take it in time; your circle's leaders were told someone is waiting",
          askedAt: '2026-02-20T09:00:00.000Z',
          takenAt: null,
          yourFollowUp: null,
        },
      ],
      asksYouHelpedWith: [{ askedAt: '2026-02-12T09:00:00.000Z', takenAt: '2026-02-12T10:00:00.000Z' }],
      yourSuggestionsToLeaders: [
        { suggested: 'A shared planning period for grade 3', withYourName: false, at: '2026-02-13T09:00:00.000Z' },
      ],
      pairingRounds: [{ circle: 'Grade 3', at: '2026-02-16T15:00:00.000Z', youMet: 'yes' }],
      namedForNextTerm: { topics: ['phonics'], namedAt: '2026-02-20T09:00:00.000Z' },
      classroomVisits: [
        {
          what: 'a colleague watched you teach',
          asked: 'you asked (invite)',
          lessonAt: '2026-02-17T10:00:00.000Z',
          status: 'noted',
          focus: 'exit tickets',
          notesForYou: ['I noticed every student wrote one', '', ''],
          yourReflection: 'Try it twice a week',
        },
        {
          what: 'you watched a colleague teach',
          asked: 'you asked (visit)',
          lessonAt: '2026-02-18T10:00:00.000Z',
          status: 'noted',
          focus: null,
          notesYouWrote: ['Calm transitions'],
        },
      ],
    });
    const circleMentor = { ...mentoring, mentor: mentoring.mentor && { ...mentoring.mentor, circle: 'Grade 3' } };
    const inCircle = JSON.parse(buildMemberExport(data({ mentoring: circleMentor }), now)[0]?.content ?? '') as {
      mentoring: { asMentor: { for: string } };
    };
    expect(inCircle.mentoring.asMentor.for).toBe('Grade 3');
    const notMentor = JSON.parse(buildMemberExport(data(), now)[0]?.content ?? '') as { mentoring: unknown };
    expect(notMentor.mentoring).toEqual({
      asMentor: 'not a mentor',
      yourAsks: [],
      asksYouHelpedWith: [],
      yourSuggestionsToLeaders: [],
      pairingRounds: [],
      namedForNextTerm: 'no',
      classroomVisits: [],
    });
  });
});
