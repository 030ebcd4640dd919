import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/core/commands/command.js';
import { parseCommand } from '../../src/core/commands/parse.js';

const parsed = (text: string): Command => {
  const result = parseCommand(text);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to parse, got: ${result.error.message}`);
  return result.command;
};

const refused = (text: string) => {
  const result = parseCommand(text);
  if (result.ok)
    throw new Error(`expected ${JSON.stringify(text)} to be refused, got ${JSON.stringify(result.command)}`);
  return result.error;
};

describe('parseCommand', () => {
  it.each<[string, Command]>([
    ['help', { name: 'help' }],
    ['setup', { name: 'setup' }],
    ['setup Grade 3 Literacy', { name: 'setup', communityName: 'Grade 3 Literacy' }],
    ['start', { name: 'start' }],
    ['start Small-group reading', { name: 'start', topic: 'Small-group reading' }],
    ['next', { name: 'next' }],
    ['close', { name: 'close' }],
    ['checkin', { name: 'checkin' }],
    ['checkin Partner reading is working', { name: 'checkin', text: 'Partner reading is working' }],
    ['prompt', { name: 'prompt.post' }],
    ['prompt add What surprised you this week?', { name: 'prompt.add', text: 'What surprised you this week?' }],
    ['prompt retire 4', { name: 'prompt.retire', number: 4 }],
    ['prompt restore 7', { name: 'prompt.restore', number: 7 }],
    ['prompts', { name: 'prompts.list' }],
    ['prompts weekly wed 12:15', { name: 'prompts.weekly', day: 'wed', time: { hour: 12, minute: 15 } }],
    ['prompts off', { name: 'prompts.off' }],
    [
      'schedule weekly tue 15:30',
      { name: 'schedule.set', cadence: 'weekly', day: 'tue', time: { hour: 15, minute: 30 } },
    ],
    [
      'schedule biweekly thursday 9:05 90m',
      { name: 'schedule.set', cadence: 'biweekly', day: 'thu', time: { hour: 9, minute: 5 }, minutes: 90 },
    ],
    [
      'schedule monthly tue 16:00 30m',
      { name: 'schedule.set', cadence: 'monthly', day: 'tue', time: { hour: 16, minute: 0 }, minutes: 30 },
    ],
    ['schedule off', { name: 'schedule.off' }],
    ['goal', { name: 'goal.new' }],
    ['goals', { name: 'goals.list', all: false }],
    ['goals all', { name: 'goals.list', all: true }],
    ['goal achieved 2', { name: 'goal.end', outcome: 'achieved', number: 2 }],
    ['goal rework 1', { name: 'goal.end', outcome: 'rework', number: 1 }],
    ['goal drop 3', { name: 'goal.end', outcome: 'drop', number: 3 }],
    ['progress 2 14', { name: 'progress', number: 2, value: 14, mode: 'set' }],
    ['progress 1 2.5 halfway', { name: 'progress', number: 1, value: 2.5, mode: 'set', note: 'halfway' }],
    ['nudges tue 15:30', { name: 'nudges.set', day: 'tue', time: { hour: 15, minute: 30 } }],
    ['nudges off', { name: 'nudges.off' }],
    ['snooze 2 7', { name: 'snooze', number: 2, days: 7 }],
    ['digest', { name: 'digest.preview' }],
    ['digest mon 07:30', { name: 'digest.set', day: 'mon', time: { hour: 7, minute: 30 } }],
    ['calendar', { name: 'calendar.list' }],
    [
      'calendar add 2026-12-21 2027-01-01 Winter break',
      { name: 'calendar.add', from: '2026-12-21', to: '2027-01-01', label: 'Winter break' },
    ],
    [
      'calendar add 2026-11-26 Thanksgiving Day',
      { name: 'calendar.add', from: '2026-11-26', to: '2026-11-26', label: 'Thanksgiving Day' },
    ],
    ['calendar remove 2', { name: 'calendar.remove', entry: { number: 2 } }],
    ['calendar remove 2026-12-21', { name: 'calendar.remove', entry: { date: '2026-12-21' } }],
    ['rename Grade 3 Reading Circle', { name: 'rename', communityName: 'Grade 3 Reading Circle' }],
    ['help goal', { name: 'help', about: 'goal' }],
    ['remind day-before', { name: 'remind', when: 'day-before' }],
    ['remind off', { name: 'remind', when: 'off' }],
    ['timezone Europe/London', { name: 'timezone', zone: 'Europe/London' }],
    ['timezone America/Argentina/Buenos_Aires', { name: 'timezone', zone: 'America/Argentina/Buenos_Aires' }],
    ['retention 24', { name: 'retention', months: 24 }],
    ['privacy 5', { name: 'privacy', threshold: 5 }],
    ['status', { name: 'status' }],
    // A setting command with nothing after it shows the setting.
    ['nudges', { name: 'setting.show', setting: 'nudges' }],
    ['schedule', { name: 'setting.show', setting: 'schedule' }],
    ['timezone', { name: 'setting.show', setting: 'timezone' }],
    ['retention', { name: 'setting.show', setting: 'retention' }],
    ['privacy', { name: 'setting.show', setting: 'privacy' }],
    ['remind', { name: 'setting.show', setting: 'remind' }],
    ['prompts weekly', { name: 'setting.show', setting: 'prompts.weekly' }],
    ['export', { name: 'export.mine' }],
    ['export workspace', { name: 'export.workspace' }],
    ['admin add <@U123|sam>', { name: 'role', role: 'admin', change: 'add', user: { userId: 'U123', label: 'sam' } }],
    ['facilitator add <@U123>', { name: 'role', role: 'facilitator', change: 'add', user: { userId: 'U123' } }],
    [
      'mentor add <@U123|sam> Google Classroom, behaviour',
      { name: 'mentor.add', user: { userId: 'U123', label: 'sam' }, topics: ['Google Classroom', 'behaviour'] },
    ],
    ['mentor remove <@U123>', { name: 'mentor.remove', user: { userId: 'U123' } }],
    ['mentor away 14 days', { name: 'mentor.away', days: 14 }],
    ['mentor back', { name: 'mentor.away', days: 0 }],
    ['mentor capacity 3', { name: 'mentor.capacity', perWeek: 3 }],
    ['mentors', { name: 'mentors.list' }],
    ['ask', { name: 'ask' }],
    ['ask  help with   phonics ', { name: 'ask', text: 'help with   phonics' }],
    ['facilitator remove <@U9>', { name: 'role', role: 'facilitator', change: 'remove', user: { userId: 'U9' } }],
    ['forget-me', { name: 'forget-me' }],
  ])('reads %j', (text, command) => {
    expect(parsed(text)).toEqual(command);
  });

  it('ignores case in command words, extra spaces and a leading /circle', () => {
    expect(parsed('  /circle   SCHEDULE   Weekly   TUE   15:30  ')).toEqual(parsed('schedule weekly tue 15:30'));
    expect(refused('/circle').kind).toBe('empty');
  });

  it('keeps free text as written', () => {
    expect(parsed('progress 2 14 read aloud with the whole group')).toEqual({
      name: 'progress',
      number: 2,
      value: 14,
      mode: 'set',
      note: 'read aloud with the whole group',
    });
    expect(parsed('checkin  Two  spaces  kept,   and émoji 🙂 ')).toEqual({
      name: 'checkin',
      text: 'Two  spaces  kept,   and émoji 🙂',
    });
  });

  it('answers unknown and empty input with a hint', () => {
    expect(refused('fly')).toEqual({ kind: 'unknown', message: "I don't know 'fly'. Try `help`." });
    expect(refused('')).toEqual({ kind: 'empty', message: 'Say `help` to see what I can do.' });
    expect(refused('   \t ').kind).toBe('empty');
  });

  it('never echoes more than a short phrase of a long or odd word', () => {
    const long = refused('x'.repeat(10_000));
    expect(long.message).toBe(`I don't know '${'x'.repeat(30)}…'. Try \`help\`.`);
    expect(refused('\u0000bad\u0007').message).toBe("I don't know 'bad'. Try `help`.");
  });

  it.each([
    ['schedule weekly tue 24:00', /'24:00' isn't a time I can read; write it like 3:30pm, 4pm or 15:30/],
    ['schedule weekly tue 13pm', /'13pm' isn't a time/],
    ['schedule weekly tue 7', /Is '7' in the morning or the afternoon\? Write 7am or 7pm, or 24-hour like 07:00/],
    ['schedule weekly someday 15:30', /'someday' isn't a day/],
    ['schedule weekly tue 15:30 29m', /isn't a length; write minutes from 30m to 480m/],
    ['schedule daily tue 15:30', /Usage: `schedule <weekly\|biweekly\|monthly>/],
    ['nudges sat 10:00', /Nudges come on school days, Monday to Friday/],
    ['calendar add 2026-02-30 Nothing', /'2026-02-30' isn't a date/],
    ['calendar add 2027-01-02 2027-01-01 Backwards', /end date comes before the start date/],
    ['calendar add 2026-12-21', /Add a label/],
    ['progress two 14', /Start with the goal number/],
    ['progress 2 lots', /'lots' isn't a number/],
    ['goal finish 2', /Usage: `goal`/],
    ['admin add sam', /Name the person with an @mention/],
    ['timezone Mars/Olympus', /'Mars\/Olympus' isn't a time zone I know/],
    ['retention 0', /from 1 to 120/],
    ['privacy 2', /from 3 to 10/],
    ['privacy 11', /from 3 to 10/],
    ['next please', /`next` takes nothing after it/],
    ['status please', /`status` takes nothing after it/],
    ['snooze 2 365', /from 1 to 90 days/],
    ['prompt add', /Write the question/],
    ['calendar remove', /Say which entry to remove: the number `calendar` shows, or a date it covers/],
    ['calendar remove soon', /'soon' isn't a number `calendar` shows or a date I can read/],
    ['rename', /Write the new name after `rename`/],
  ])('explains what was wrong with %j', (text, message) => {
    const error = refused(text);
    expect(error.kind).toBe('usage');
    expect(error.message).toMatch(message);
  });

  it('accepts real leap days and full day names', () => {
    expect(parsed('calendar add 2028-02-29 Leap day')).toMatchObject({ from: '2028-02-29' });
    expect(refused('calendar add 2027-02-29 Not a leap day').message).toMatch(/isn't a date/);
    expect(parsed('nudges Friday 8:00')).toMatchObject({ day: 'fri', time: { hour: 8, minute: 0 } });
  });

  it('never throws, and always explains itself briefly, whatever it is given', () => {
    let seed = 42;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const alphabet = [
      'a',
      'z',
      ' ',
      '\t',
      '\n',
      ':',
      '-',
      '@',
      '<',
      '>',
      '|',
      '/',
      '1',
      '9',
      '.',
      'é',
      '🙂',
      '日',
      '\u0000',
      '\u202e',
      'start',
      'schedule',
      'progress',
      'calendar',
      'admin',
      '<@',
    ];
    for (let i = 0; i < 3000; i++) {
      const length = Math.floor(random() * (i % 100 === 0 ? 10_000 : 12));
      const text = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      const result = parseCommand(text);
      if (!result.ok) {
        expect(result.error.message.length).toBeGreaterThan(0);
        expect(result.error.message.length).toBeLessThan(300);
      } else {
        expect(typeof result.command.name).toBe('string');
      }
    }
  });
});
