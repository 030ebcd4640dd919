import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/core/commands/command.js';
import { parseCommand } from '../../src/core/commands/parse.js';
import { readDatePhrase } from '../../src/core/commands/dates.js';
import { readTime } from '../../src/core/commands/words.js';
import { readZoneName } from '../../src/core/commands/zones.js';

// What teachers type rather than what a format asks for: times with am/pm, dates in words read
// against the person's own today, and cities for time zones. Refusals coach with an example.

// Thursday 3 December 2026, 09:00 in London; in Honolulu it is still Wednesday 2 December.
const now = new Date('2026-12-03T09:00:00Z');
const london = { now, zone: 'Europe/London' };

const parsed = (text: string, reference = london): Command => {
  const result = parseCommand(text, reference);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to parse, got: ${result.error.message}`);
  return result.command;
};

const refusal = (text: string, reference = london): string => {
  const result = parseCommand(text, reference);
  if (result.ok)
    throw new Error(`expected ${JSON.stringify(text)} to be refused, got ${JSON.stringify(result.command)}`);
  return result.error.message;
};

describe('times people type', () => {
  it.each([
    ['3:30pm', 15, 30],
    ['3:30PM', 15, 30],
    ['4pm', 16, 0],
    ['9am', 9, 0],
    ['12am', 0, 0],
    ['12pm', 12, 0],
    ['3.30pm', 15, 30],
    ['3:30p.m.', 15, 30],
    ['15:30', 15, 30],
    ['15.30', 15, 30],
    ['9:05', 9, 5],
    ['noon', 12, 0],
  ])('reads %j', (word, hour, minute) => {
    expect(readTime(word)).toEqual({ hour, minute });
  });

  it.each(['13pm', '0am', '3:61pm', '24:00', '7', 'teatime', '3:3pm'])('does not read %j as a time', (word) => {
    expect(readTime(word)).toBeUndefined();
  });

  it('takes them wherever a time is asked, even with a space before am/pm', () => {
    expect(parsed('nudges tue 3:30pm')).toEqual({ name: 'nudges.set', day: 'tue', time: { hour: 15, minute: 30 } });
    expect(parsed('nudges thursday 4 pm')).toEqual({ name: 'nudges.set', day: 'thu', time: { hour: 16, minute: 0 } });
    expect(parsed('schedule weekly tue 3:30 pm 45m')).toEqual({
      name: 'schedule.set',
      cadence: 'weekly',
      day: 'tue',
      time: { hour: 15, minute: 30 },
      minutes: 45,
    });
    expect(parsed('prompts weekly wed 12pm')).toEqual({
      name: 'prompts.weekly',
      day: 'wed',
      time: { hour: 12, minute: 0 },
    });
    expect(parsed('digest mon 7:30am')).toEqual({ name: 'digest.set', day: 'mon', time: { hour: 7, minute: 30 } });
  });

  it('asks morning or afternoon of a bare hour, and shows how to write a time', () => {
    expect(refusal('nudges tue 4')).toMatch(
      /^Is '4' in the morning or the afternoon\? Write 4am or 4pm, or 24-hour like 04:00\./,
    );
    expect(refusal('nudges tue teatime')).toMatch(
      /^'teatime' isn't a time I can read; write it like 3:30pm, 4pm or 15:30\. Usage: `nudges/,
    );
    expect(refusal('nudges tue')).toMatch(/^A time is missing: try 3:30pm or 15:30\./);
  });
});

describe('dates people type', () => {
  it.each([
    ['today', '2026-12-03'],
    ['tomorrow', '2026-12-04'],
    ['next monday', '2026-12-07'],
    ['friday', '2026-12-04'],
    ['in 3 weeks', '2026-12-24'],
    ['dec 21', '2026-12-21'],
    ['21 December', '2026-12-21'],
    ['jan 4', '2027-01-04'],
    ['last monday', '2026-11-30'],
    ['2 days ago', '2026-12-01'],
    ['in a year', '2027-12-03'],
    ['in 1 year', '2027-12-03'],
    ['2 years from now', '2028-12-03'],
    ['a year ago', '2025-12-03'],
    ['2027-01-04', '2027-01-04'],
  ])("reads %j in the person's own today", (phrase, date) => {
    expect(readDatePhrase(phrase, london)).toBe(date);
  });

  it('reads "tomorrow" from the person\'s own date, not UTC\'s', () => {
    expect(readDatePhrase('tomorrow', { now, zone: 'Pacific/Honolulu' })).toBe('2026-12-03');
    expect(readDatePhrase('today', { now: new Date('2026-12-03T23:30:00Z'), zone: 'Asia/Tokyo' })).toBe('2026-12-04');
  });

  it('leaves out times, slashed dates that mean different days to different people, and other words', () => {
    for (const phrase of ['3pm', '12/01', 'someday', 'winter break', 'next year', ''])
      expect(readDatePhrase(phrase, london), phrase).toBeUndefined();
  });

  it('reads only YYYY-MM-DD without a present to read words against', () => {
    expect(readDatePhrase('tomorrow', undefined)).toBeUndefined();
    expect(readDatePhrase('2026-12-21', undefined)).toBe('2026-12-21');
  });

  it('takes them in calendar add, however many words each date is, with the label after', () => {
    expect(parsed('calendar add dec 21 jan 1 Winter break')).toEqual({
      name: 'calendar.add',
      from: '2026-12-21',
      to: '2027-01-01',
      label: 'Winter break',
    });
    expect(parsed('calendar add tomorrow Staff training day')).toEqual({
      name: 'calendar.add',
      from: '2026-12-04',
      to: '2026-12-04',
      label: 'Staff training day',
    });
    expect(parsed('calendar add next monday in 3 weeks Exams')).toEqual({
      name: 'calendar.add',
      from: '2026-12-07',
      to: '2026-12-24',
      label: 'Exams',
    });
    expect(parsed('calendar add 2026-12-21 2027-01-01 Winter break')).toEqual({
      name: 'calendar.add',
      from: '2026-12-21',
      to: '2027-01-01',
      label: 'Winter break',
    });
    expect(parsed('calendar add dec 21 Winter/Spring break')).toEqual({
      name: 'calendar.add',
      from: '2026-12-21',
      to: '2026-12-21',
      label: 'Winter/Spring break',
    });
  });

  it('coaches when a date cannot be read', () => {
    expect(refusal('calendar add someday Break')).toMatch(
      /^'someday' isn't a date I can read; write it like dec 21, tomorrow, next monday or 2026-12-21\./,
    );
    expect(refusal('calendar add 12/21 Break')).toMatch(/'12\/21' isn't a date I can read/);
    expect(refusal('calendar add')).toMatch(/^The first date is missing: try a date like dec 21/);
    expect(refusal('calendar add dec 21')).toMatch(/Add a label, such as Winter break/);
  });
});

describe('time zones people name', () => {
  it.each([
    ['London', 'Europe/London'],
    ['london', 'Europe/London'],
    ['new york', 'America/New_York'],
    ['New_York', 'America/New_York'],
    ['los angeles', 'America/Los_Angeles'],
    ['San Francisco', 'America/Los_Angeles'],
    ['Paris', 'Europe/Paris'],
    ['Mumbai', 'Asia/Kolkata'],
    ['Sydney', 'Australia/Sydney'],
    ['europe/london', 'Europe/London'],
    ['America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    ['UTC', 'UTC'],
  ])('reads %j as %s', (name, zone) => {
    expect(readZoneName(name)).toBe(zone);
  });

  it('takes a city in `timezone` and `my timezone`', () => {
    expect(parsed('timezone London')).toEqual({ name: 'timezone', zone: 'Europe/London' });
    expect(parsed('timezone new york')).toEqual({ name: 'timezone', zone: 'America/New_York' });
    expect(parsed('my timezone Chicago')).toEqual({ name: 'timezone.mine', zone: 'America/Chicago' });
    expect(parsed('MY TIMEZONE')).toEqual({ name: 'timezone.mine' });
  });

  it('refuses a place it cannot find with an example to follow', () => {
    expect(refusal('timezone Narnia')).toMatch(
      /^'Narnia' isn't a time zone I know\. Name the nearest big city or an IANA zone, like `timezone London` or `timezone America\/New_York`\./,
    );
    expect(refusal('my timezone Mars/Olympus')).toMatch(/like `my timezone London`/);
    expect(refusal('my zone')).toMatch(/Usage: `my timezone`/);
  });
});

describe('progress as a total or an increment', () => {
  it('reads a plain number as the total and a signed one as a change', () => {
    expect(parsed('progress 2 14')).toEqual({ name: 'progress', number: 2, value: 14, mode: 'set' });
    expect(parsed('progress 2 +3 two more exit tickets')).toEqual({
      name: 'progress',
      number: 2,
      value: 3,
      mode: 'add',
      note: 'two more exit tickets',
    });
    expect(parsed('progress 1 -4')).toEqual({ name: 'progress', number: 1, value: -4, mode: 'add' });
    expect(parsed('progress 1 +2,5')).toEqual({ name: 'progress', number: 1, value: 2.5, mode: 'add' });
  });

  it('coaches a value it cannot read', () => {
    expect(refusal('progress 1 lots')).toMatch(
      /^'lots' isn't a number; write your total like 14, or what to add like \+3\./,
    );
    expect(refusal('progress 1')).toMatch(/^How far have you got\?/);
    expect(refusal('progress 1 ++3')).toMatch(/'\+\+3' isn't a number/);
  });
});
