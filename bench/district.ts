import { sql } from 'kysely';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { FakeSlack } from '../test/helpers/fake-slack.js';
import { FakeTeams } from '../test/helpers/fake-teams.js';
import { freePort } from '../test/helpers/free-port.js';
import { buildOnce, peakRssMb, startBot, stopBots, waitHealthy } from './bot-processes.js';
import { dropDatabase, freshDatabase } from './databases.js';
import { RollingLimits, slackLimits, teamsLimits } from './published-limits.js';
import { percentile, row } from './stats.js';

// A district on one Slack workspace and one Teams tenant: 10,000 teachers in each, nine in ten on
// the default slot and the rest a quarter of an hour later, 40 circles holding a scheduled session
// that opens at the same minute, two bot processes on one PostgreSQL. The fakes enforce the
// platforms' published limits (published-limits.ts) and answer 100-200 ms later, as the real ones
// do from afar. The slot is real time: the bots plan at the minute, as in production, and the
// benchmark waits until every nudge has arrived. Printed beside each figure: the least time the
// platform's published limit allows for the same number of messages.

const TEACHERS = Number(process.env.DISTRICT_TEACHERS ?? 10_000);
const LATER_SHARE = 0.1;
const LATER_MS = 15 * 60_000;
const CIRCLES = 40;
const TENANT = 'district-tenant';
const TEAM = 'T1';
const GOALS = { slack: 15 * 60_000, teams: 10 * 60_000 };

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const latency = () => 100 + Math.random() * 100;

/** The slot: a whole minute, far enough ahead for the seed to be in place before it comes. */
function nextSlot(): Date {
  const at = Date.now() + 45_000;
  return new Date(Math.ceil(at / 60_000) * 60_000);
}

async function seed(url: string, serviceUrl: string, slot: Date): Promise<void> {
  const database = await openDatabase({ kind: 'postgres', url });
  const db = database.db;
  try {
    const later = new Date(slot.getTime() + LATER_MS);
    for (const [platform, externalId, prefix] of [
      ['slack', TEAM, 'U'],
      ['teams', TENANT, '29:t'],
    ] as const) {
      const [workspace] = (
        await sql<{
          id: number;
        }>`insert into workspaces (platform, external_id, time_zone) values (${platform}, ${externalId}, 'UTC') returning id`.execute(
          db,
        )
      ).rows;
      const id = workspace?.id ?? 0;
      await sql`
        insert into members (workspace_id, external_id, display_name, time_zone, next_nudge_at)
        select ${id}, ${prefix} || n, 'Teacher ' || n, 'UTC', case when n % ${Math.round(1 / LATER_SHARE)} = 0 then ${later}::timestamptz else ${slot}::timestamptz end
        from generate_series(1, ${TEACHERS}) as n`.execute(db);
      await sql`
        insert into goals (workspace_id, member_id, specific, measure, target, unit, due_on, created_at)
        select workspace_id, id, 'Read aloud daily', '20 read-alouds', 20, 'read-alouds', '2099-06-30', ${new Date(slot.getTime() - 86_400_000)} from members where workspace_id = ${id}`.execute(
        db,
      );
      if (platform === 'teams') {
        // Each teacher has talked to the bot before: the address of their personal chat is kept.
        await sql`
          insert into conversation_refs (workspace_id, kind, key, reference)
          select ${id}, 'personal', external_id, jsonb_build_object(
            'user', jsonb_build_object('id', external_id), 'bot', jsonb_build_object('id', '28:bot', 'name', 'Mentor Circle'),
            'conversation', jsonb_build_object('id', 'a:personal-' || external_id, 'conversationType', 'personal', 'tenantId', ${TENANT}::text),
            'channelId', 'msteams', 'serviceUrl', ${serviceUrl}::text)
          from members where workspace_id = ${id}`.execute(db);
      } else {
        // Circles whose weekly session opens at the slot: their posts share the workspace's budget.
        const day = ((slot.getUTCDay() + 6) % 7) + 1;
        const minute = slot.getUTCHours() * 60 + slot.getUTCMinutes();
        await sql`
          insert into communities (workspace_id, channel_id, name, time_zone, schedule_cadence, schedule_day, schedule_minute, schedule_anchor, next_step_at, reminder)
          select ${id}, 'C' || n, 'Circle ' || n, 'UTC', 'weekly', ${day}, ${minute}, ${slot.toISOString().slice(0, 10)}, ${slot}, 'off'
          from generate_series(1, ${CIRCLES}) as n`.execute(db);
      }
    }
  } finally {
    await database.close();
  }
}

interface Arrival {
  to: string;
  at: number;
}

function report(
  platform: 'slack' | 'teams',
  slot: Date,
  arrivals: Arrival[],
  calls: number,
  refused: number,
  perSecond: number,
): void {
  const later = new Date(slot.getTime() + LATER_MS);
  const dueOf = (to: string) => (Number(/\d+$/.exec(to)?.[0] ?? 0) % Math.round(1 / LATER_SHARE) === 0 ? later : slot);
  const counts = new Map<string, number>();
  for (const arrival of arrivals) counts.set(arrival.to, (counts.get(arrival.to) ?? 0) + 1);
  const duplicates = [...counts.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  const lost = TEACHERS - counts.size;
  const delays = arrivals.map((a) => a.at - dueOf(a.to).getTime()).sort((a, b) => a - b);
  const onSlot = arrivals.filter((a) => dueOf(a.to) === slot).map((a) => a.at);
  const lastOnSlot = (Math.max(...onSlot) - slot.getTime()) / 1000;
  const floor = onSlot.length / perSecond;
  const minutes = (s: number) => `${(s / 60).toFixed(1)} min`;
  row(`${platform}: slot to last nudge (${onSlot.length} on the slot)`, {
    time: minutes(lastOnSlot),
    'published limit allows': minutes(floor),
    goal: `${GOALS[platform] / 60_000} min`,
  });
  row(`${platform}: delay after each teacher's slot`, {
    p50: `${(percentile(delays, 50) / 1000).toFixed(0)} s`,
    p95: `${(percentile(delays, 95) / 1000).toFixed(0)} s`,
    max: `${((delays.at(-1) ?? 0) / 1000).toFixed(0)} s`,
  });
  row(`${platform}: 429s, duplicates, lost`, {
    '429s': `${refused} of ${calls} calls (${((100 * refused) / Math.max(1, calls)).toFixed(2)}%)`,
    duplicates: String(duplicates),
    lost: String(lost),
  });
}

export async function benchDistrict(adminUrl: string): Promise<void> {
  process.stdout.write(
    `\nDistrict: ${TEACHERS} teachers in one Slack workspace and ${TEACHERS} in one Teams tenant, 90% on one slot, two bot processes on one PostgreSQL, the platforms' published limits enforced\n`,
  );
  const url = await freshDatabase(adminUrl, 'district');
  const slackLimited = new RollingLimits();
  const teamsLimited = new RollingLimits();
  const slack = new FakeSlack({
    latency,
    rateLimit: (method, args) => slackLimited.take(slackLimits(method, args, TEAM)),
  });
  const teams = new FakeTeams({
    latency,
    rateLimit: (conversation) => teamsLimited.take(teamsLimits(conversation, TENANT)),
  });
  await slack.start();
  await teams.start();
  const migrated = await openDatabase({ kind: 'postgres', url });
  await migrateToLatest(migrated.db);
  await migrated.close();
  const ports = [await freePort(), await freePort()];
  buildOnce();
  const bots = ports.map((port, i) =>
    startBot({
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
      SLACK_SIGNING_SECRET: 'district-signing-secret',
      SLACK_BOT_TOKEN: `xoxb-district-${i}`,
      SLACK_API_URL: slack.apiUrl,
      TEAMS_ALLOW_ANONYMOUS: 'true',
    }),
  );
  try {
    await Promise.all(ports.map((port) => waitHealthy(`http://127.0.0.1:${port}/healthz`)));
    const slot = nextSlot();
    await seed(url, teams.serviceUrl, slot);
    const nudgesTo = {
      slack: () =>
        slack.calls
          .filter(
            (c) => c.method === 'chat.postMessage' && c.response.ok === true && String(c.args.channel).startsWith('U'),
          )
          .map((c) => ({ to: String(c.args.channel), at: c.at })),
      teams: () =>
        teams.sent
          .filter((s) => s.verb === 'POST' && s.conversation.startsWith('a:personal-'))
          .map((s) => ({ to: s.conversation, at: s.at })),
    };
    const deadline = slot.getTime() + LATER_MS + 20 * 60_000;
    for (let shown = Date.now(); Date.now() < deadline; await sleep(2000)) {
      const slackDone = new Set(nudgesTo.slack().map((a) => a.to)).size;
      const teamsDone = new Set(nudgesTo.teams().map((a) => a.to)).size;
      if (slackDone >= TEACHERS && teamsDone >= TEACHERS) break;
      if (Date.now() - shown > 60_000) {
        shown = Date.now();
        process.stderr.write(
          `  ... ${Math.round((Date.now() - slot.getTime()) / 1000)} s after the slot: Slack ${slackDone}, Teams ${teamsDone} nudged\n`,
        );
      }
    }
    // A moment more, so that a duplicate sent late is counted.
    await sleep(5000);
    const rss = bots.map((bot) => peakRssMb(bot.pid));
    const slackCalls = slack.calls.filter((c) =>
      ['chat.postMessage', 'users.info', 'conversations.open'].includes(c.method),
    );
    report('slack', slot, nudgesTo.slack(), slackCalls.length, slackLimited.refused, 800 / 60);
    row('slack: users.info calls during the run', {
      calls: String(slack.calls.filter((c) => c.method === 'users.info').length),
    });
    report('teams', slot, nudgesTo.teams(), teams.sent.length + teamsLimited.refused, teamsLimited.refused, 30);
    row('scheduled sessions opened at the slot (Slack circles)', {
      opened: `${new Set(slack.calls.filter((c) => c.method === 'chat.postMessage' && String(c.args.channel).startsWith('C')).map((c) => c.args.channel)).size} of ${CIRCLES}`,
    });
    row('peak RSS per bot process', Object.fromEntries(rss.map((mb, i) => [`bot ${i + 1}`, `${mb.toFixed(0)} MB`])));
  } finally {
    await stopBots(bots);
    await slack.stop();
    await teams.stop();
    await dropDatabase(adminUrl, 'district');
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const adminUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('set DATABASE_URL to a PostgreSQL server');
  await benchDistrict(adminUrl);
}
