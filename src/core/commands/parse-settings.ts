import type { ParseResult } from './command.js';
import { echo, ok, show, take, usage, words } from './arguments.js';
import { MAX_THRESHOLD, MIN_THRESHOLD } from '../digest/privacy.js';
import { readMention, readWholeNumber } from './words.js';
import { readZoneName } from './zones.js';

// A workspace's and a person's settings and data: time zones, retention, privacy, export, roles and
// the community's name.

/** A city or an IANA zone, or a coaching refusal naming what to write. */
function readZone(word: 'timezone' | 'my', written: string): string | ParseResult {
  const zone = readZoneName(written);
  if (zone) return zone;
  const example =
    word === 'my'
      ? '`my timezone London` or `my timezone America/New_York`'
      : '`timezone London` or `timezone America/New_York`';
  return usage(
    word,
    `'${echo(written)}' isn't a time zone I know. Name the nearest big city or an IANA zone, like ${example}.`,
  );
}

export function parseTimeZone(rest: string): ParseResult {
  if (!rest.trim()) return show('timezone');
  const zone = readZone('timezone', rest);
  return typeof zone === 'string' ? ok({ name: 'timezone', zone }) : zone;
}

/** `my timezone [zone]`: a person's own zone, shown or set. */
export function parseMy(rest: string): ParseResult {
  const {
    words: [what],
    rest: zoneWords,
  } = take(rest, 1);
  if (what?.toLowerCase() !== 'timezone') return usage('my');
  if (!zoneWords) return ok({ name: 'timezone.mine' });
  const zone = readZone('my', zoneWords);
  return typeof zone === 'string' ? ok({ name: 'timezone.mine', zone }) : zone;
}

export function parseRetention(rest: string): ParseResult {
  if (!rest.trim()) return show('retention');
  const months = readWholeNumber(rest.trim(), 1, 120);
  return months === undefined
    ? usage('retention', 'Give a number of months from 1 to 120.')
    : ok({ name: 'retention', months });
}

export function parsePrivacy(rest: string): ParseResult {
  if (!rest.trim()) return show('privacy');
  const threshold = readWholeNumber(rest.trim(), MIN_THRESHOLD, MAX_THRESHOLD);
  return threshold === undefined
    ? usage(
        'privacy',
        `Give the smallest group a figure may describe: a number from ${MIN_THRESHOLD} to ${MAX_THRESHOLD}.`,
      )
    : ok({ name: 'privacy', threshold });
}

export function parseExport(rest: string): ParseResult {
  const sub = rest.trim().toLowerCase();
  if (!sub) return ok({ name: 'export.mine' });
  return sub === 'workspace' ? ok({ name: 'export.workspace' }) : usage('export');
}

export const parseRole =
  (role: 'admin' | 'facilitator') =>
  (rest: string): ParseResult => {
    const args = words(rest);
    const change = args[0]?.toLowerCase();
    if ((change !== 'add' && change !== 'remove') || args.length !== 2) return usage(role);
    const user = readMention(args[1]);
    if (!user) return usage(role, `Name the person with an @mention, e.g. \`${role} add @sam\`.`);
    return ok({ name: 'role', role, change, user });
  };

export function parseRename(rest: string): ParseResult {
  return rest ? ok({ name: 'rename', communityName: rest }) : usage('rename', 'Write the new name after `rename`.');
}
