import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/commands/parse.js';
import { defaultMinutes, entryKind, PROTOCOLS, readTone } from '../../src/core/protocols/protocol.js';

// The words of protocol sessions, and the rules each reply is kept by.

describe('start tuning / start consultancy', () => {
  it('reads the protocol, the topic and the presenter named last', () => {
    expect(parseCommand('start tuning Persuasive writing unit <@U1|sam>')).toEqual({
      ok: true,
      command: {
        name: 'start.protocol',
        protocol: 'tuning',
        topic: 'Persuasive writing unit',
        presenter: { userId: 'U1', label: 'sam' },
      },
    });
    expect(parseCommand('start Consultancy Getting quiet students talking <@29:pat>')).toMatchObject({
      ok: true,
      command: {
        name: 'start.protocol',
        protocol: 'consultancy',
        topic: 'Getting quiet students talking',
        presenter: { userId: '29:pat' },
      },
    });
  });

  it('keeps a plain start as it was, and says what is missing rather than opening a plain session by mistake', () => {
    expect(parseCommand('start Small-group reading')).toEqual({
      ok: true,
      command: { name: 'start', topic: 'Small-group reading' },
    });
    expect(parseCommand('start')).toEqual({ ok: true, command: { name: 'start' } });
    const noPresenter = parseCommand('start tuning Exit tickets');
    expect(noPresenter.ok ? null : noPresenter.error.message).toMatch(
      /^Name the presenter last, with an @mention, e.g. `start tuning Persuasive writing unit @sam`\./,
    );
    const noTopic = parseCommand('start consultancy <@U1|sam>');
    expect(noTopic.ok ? null : noTopic.error.message).toMatch(/^Say the dilemma before the presenter/);
  });

  it('reads protocol times, one whole number of minutes per step', () => {
    expect(parseCommand('protocol times 10 5 2 15 10 10')).toEqual({
      ok: true,
      command: { name: 'protocol.times', minutes: [10, 5, 2, 15, 10, 10] },
    });
    expect(parseCommand('protocol times 10m 5min')).toEqual({
      ok: true,
      command: { name: 'protocol.times', minutes: [10, 5] },
    });
    for (const bad of ['protocol', 'protocol times', 'protocol times 0 5', 'protocol times ten', 'protocol times 121'])
      expect(parseCommand(bad).ok).toBe(false);
  });
});

describe('protocol rules', () => {
  it('uses the usual minutes for a 60-minute slot, scaled to the session length', () => {
    expect(defaultMinutes('tuning')).toEqual([10, 5, 2, 15, 10, 10]);
    expect(defaultMinutes('consultancy')).toEqual([10, 5, 10, 15, 10, 5]);
    expect(defaultMinutes('tuning', 30)).toEqual([5, 3, 1, 8, 5, 5]);
    expect(defaultMinutes('consultancy', 90)).toEqual([15, 8, 15, 23, 15, 8]);
  });

  it('reads a leading warm: or cool:, in any case, and nothing else', () => {
    expect(readTone('warm: I noticed the routines')).toEqual({ tone: 'warm', text: 'I noticed the routines' });
    expect(readTone('  COOL - what if they wrote letters?')).toEqual({
      tone: 'cool',
      text: 'what if they wrote letters?',
    });
    expect(readTone('*warm*: bold')).toEqual({ tone: 'warm', text: 'bold' });
    expect(readTone('I felt warm: the room')).toBeNull();
    expect(readTone('warmly done')).toBeNull();
  });

  it("keeps the presenter's words as notes while they listen, and sorts everyone else's by the step", () => {
    const [, clarifying, , feedback] = PROTOCOLS.tuning.steps;
    const discussion = PROTOCOLS.consultancy.steps[3];
    if (!clarifying || !feedback || !discussion) throw new Error('steps missing');
    expect(entryKind(feedback, true, 'warm: mine')).toEqual({ kind: 'note', text: 'warm: mine' });
    expect(entryKind(discussion, true, 'a thought')).toEqual({ kind: 'note', text: 'a thought' });
    expect(entryKind(discussion, false, 'I wonder')).toEqual({ kind: 'reply', text: 'I wonder' });
    expect(entryKind(feedback, false, 'cool: what if')).toEqual({ kind: 'cool', text: 'what if' });
    expect(entryKind(feedback, false, 'I noticed')).toEqual({ kind: 'unsure', text: 'I noticed' });
    expect(entryKind(clarifying, true, 'It ran 3 weeks')).toEqual({ kind: 'reply', text: 'It ran 3 weeks' });
    expect(entryKind(clarifying, false, 'How long?')).toEqual({ kind: 'question', text: 'How long?' });
  });
});
