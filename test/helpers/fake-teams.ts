import { createServer, type Server, type ServerResponse } from 'node:http';
import { readBody } from './read-body.js';
import { buttons, rawTextOf, textOf } from './teams-activity-text.js';
import { activityProblem, conversationRequest, parseJsonBody } from './teams-refusals.js';

// A stand-in for the Bot Connector service on loopback, where `serviceUrl` points. It records every
// activity the bot sends (new threads, replies, updates), answers with ids as Teams does, and can be
// told to fail the next sends (an error status, or a 429 with Retry-After). It opens personal chats
// (createConversation), hands out team rosters page by page, answers 403 for people who blocked the
// bot, looks up members (of a team, or the one person of a personal chat) with their Entra ids, and
// refuses with 400 what Teams would refuse (teams-refusals.ts): an activity without its type, a message
// with neither text nor attachments, an Adaptive Card that does not render, a conversation request
// without bot, member or tenant.

export interface SentActivity {
  verb: 'POST' | 'PUT';
  /** The conversation id, decoded: a channel, `channel;messageid=<root>`, or a personal chat. */
  conversation: string;
  /** For replies, the activity replied to; for updates, the activity updated. */
  activityId?: string;
  /** The id the fake gave this message (updates keep theirs). */
  id: string;
  activity: {
    type?: string;
    text?: string;
    summary?: string;
    attachments?: { contentType: string; content: AdaptiveCard }[];
  } & Record<string, unknown>;
  authorization: string | undefined;
  /** When the fake took it (Date.now()). */
  at: number;
}

export interface AdaptiveCard {
  type: string;
  version: string;
  body: Record<string, unknown>[];
  actions?: { type: string; title: string; data: Record<string, unknown> }[];
}

type Failure = { status: number; retryAfter?: number };

/** A createConversation request the bot made. */
export interface CreatedConversation {
  member: string;
  tenantId: string;
  bot: string;
  /** The conversation id answered, or the status refused with. */
  answer: { id: string } | { status: number };
}

export interface FakeTeamsOptions {
  /** How long to take over a send, in ms, before answering it (default: at once). */
  latency?: () => number;
  /** Retry-After seconds to refuse this send to `conversation` with, as a 429; null takes it (default: always taken). */
  rateLimit?: (conversation: string) => number | null;
}

export class FakeTeams {
  constructor(private readonly options: FakeTeamsOptions = {}) {}

  readonly sent: SentActivity[] = [];
  /** Requests that failed on purpose, by conversation. */
  readonly refused: { conversation: string; status: number }[] = [];
  private readonly failures: Failure[] = [];
  /**
   * Team rosters by team id, for GET /v3/conversations/{team}/members/{user}: someone not on a roster
   * set here gets Teams' 404. A team not set here has everyone on it.
   */
  readonly rosters = new Map<string, string[]>();
  /** Roster look-ups the bot made, as `team/user`. */
  readonly memberLookups: string[] = [];
  /** Names of people on the rosters, for the paged roster; someone without one is named by their id. */
  readonly names = new Map<string, string>();
  /** The largest roster page handed out (Teams: 500). */
  rosterPageLimit = 500;
  /** Paged roster reads, as `team` or `team?continuationToken`. */
  readonly rosterReads: string[] = [];
  /** People who blocked the bot: opening or writing in their personal chat answers 403. */
  readonly blocked = new Set<string>();
  /** People Teams no longer finds as members anywhere (they left the organisation): looking them up answers 404. */
  readonly vanished = new Set<string>();
  /** Every createConversation request, in order. */
  readonly created: CreatedConversation[] = [];
  /** Requests refused with 400 for lacking what Teams needs, with the reason. */
  readonly malformed: { path: string; reason: string }[] = [];
  private server: Server | undefined;
  private nextId = 1_700_000_000_000;
  port = 0;

  get serviceUrl(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  /** The next send fails this way (queue several for several sends). */
  fail(failure: Failure): void {
    this.failures.push(failure);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const delay = this.options.latency?.() ?? 0;
      void readBody(req)
        .then(async (raw) => {
          if (delay > 0) await new Promise((done) => setTimeout(done, delay));
          return raw;
        })
        .then((raw) => {
          const url = new URL(req.url ?? '/', 'http://127.0.0.1');
          const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(url.pathname);
          if (member?.[1] && member[2] && req.method === 'GET') {
            const team = decodeURIComponent(member[1]);
            const user = decodeURIComponent(member[2]);
            this.memberLookups.push(`${team}/${user}`);
            // A personal chat's one member is its person; a team's are its roster, when one is set.
            const owner = this.ownerOf(team);
            const roster = owner ? [owner] : this.rosters.get(team);
            if ((roster && !roster.includes(user)) || this.vanished.has(user)) {
              res.writeHead(404, { 'content-type': 'application/json' }).end(
                JSON.stringify({
                  error: {
                    code: 'MemberNotFoundInConversation',
                    message: 'The member was not found in the conversation.',
                  },
                }),
              );
              return;
            }
            res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.memberObject(user)));
            return;
          }
          if (url.pathname === '/v3/conversations' && req.method === 'POST') {
            this.createConversation(raw, res);
            return;
          }
          const paged = /^\/v3\/conversations\/([^/]+)\/pagedmembers$/.exec(url.pathname);
          if (paged?.[1] && req.method === 'GET') {
            this.pagedMembers(decodeURIComponent(paged[1]), url.searchParams, res);
            return;
          }
          const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url.pathname);
          if (!match?.[1] || (req.method !== 'POST' && req.method !== 'PUT')) {
            res
              .writeHead(404, { 'content-type': 'application/json' })
              .end(JSON.stringify({ error: { code: 'NotFound', message: url.pathname } }));
            return;
          }
          const conversation = decodeURIComponent(match[1]);
          const limited = this.options.rateLimit?.(conversation) ?? null;
          const failure = limited !== null ? { status: 429, retryAfter: limited } : this.failures.shift();
          if (failure) {
            this.refused.push({ conversation, status: failure.status });
            res.writeHead(failure.status, {
              'content-type': 'application/json',
              ...(failure.retryAfter ? { 'retry-after': String(failure.retryAfter) } : {}),
            });
            res.end(JSON.stringify({ error: { code: 'Refused', message: 'refused by the test' } }));
            return;
          }
          const body = parseJsonBody(raw);
          const problem = activityProblem(body);
          if (problem) {
            this.refuseMalformed(res, url.pathname, problem);
            return;
          }
          const owner = this.ownerOf(conversation);
          if (owner && this.blocked.has(owner)) {
            this.refused.push({ conversation, status: 403 });
            res
              .writeHead(403, { 'content-type': 'application/json' })
              .end(
                JSON.stringify({ error: { code: 'BotDisabledByAdmin', message: 'The bot is blocked by the user.' } }),
              );
            return;
          }
          const activityId = match[2] ? decodeURIComponent(match[2]) : undefined;
          const id = req.method === 'PUT' && activityId ? activityId : String(this.nextId++);
          this.sent.push({
            verb: req.method,
            conversation,
            ...(activityId ? { activityId } : {}),
            id,
            activity: body as SentActivity['activity'],
            authorization: req.headers.authorization,
            at: Date.now(),
          });
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
        });
    });
    await new Promise<void>((done) => this.server?.listen(0, '127.0.0.1', done));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
  }

  /**
   * A member as Teams describes one (TeamsChannelAccount): the `29:` id the bot knows them by, and their
   * Microsoft Entra object id and user principal name, which are something else.
   */
  memberObject(user: string): Record<string, unknown> {
    const local = user.replace(/^29:/, '');
    return {
      id: user,
      name: this.names.get(user) ?? user,
      aadObjectId: `aad-${local}`,
      userPrincipalName: `${local}@school.example`,
      userRole: 'user',
    };
  }

  /** The person a personal chat belongs to: one this fake opened, or one of the test activities' `a:personal-<name>` chats. */
  private ownerOf(conversation: string): string | undefined {
    const opened = this.created.find((c) => 'id' in c.answer && c.answer.id === conversation);
    if (opened) return opened.member;
    const personal = /^a:personal-(.+)$/.exec(conversation);
    return personal?.[1] ? `29:${personal[1]}` : undefined;
  }

  private refuseMalformed(res: ServerResponse, path: string, reason: string): void {
    this.malformed.push({ path, reason });
    res
      .writeHead(400, { 'content-type': 'application/json' })
      .end(JSON.stringify({ error: { code: 'BadArgument', message: reason } }));
  }

  /** Teams opens (or finds) the one personal chat between the bot and one member of the tenant. */
  private createConversation(raw: string, res: ServerResponse): void {
    const request = conversationRequest(raw);
    if (!request.ok) {
      this.refuseMalformed(res, '/v3/conversations', request.problem);
      return;
    }
    const { member, tenantId, bot } = request;
    if (this.blocked.has(member)) {
      this.created.push({ member, tenantId, bot, answer: { status: 403 } });
      res
        .writeHead(403, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { code: 'Forbidden', message: 'The bot is blocked by the user.' } }));
      return;
    }
    // The same member always gets the same chat, as Teams answers with the existing one.
    const id = `a:opened-${member}`;
    this.created.push({ member, tenantId, bot, answer: { id } });
    res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
  }

  private pagedMembers(team: string, query: URLSearchParams, res: ServerResponse): void {
    const token = query.get('continuationToken');
    this.rosterReads.push(token ? `${team}?${token}` : team);
    const roster = this.rosters.get(team) ?? [];
    const size = Math.max(1, Math.min(this.rosterPageLimit, Number(query.get('pageSize') ?? 200) || 200));
    const from = token ? Number(token) : 0;
    const page = roster
      .slice(from, from + size)
      .map((id) => ({ id, name: this.names.get(id) ?? id, aadObjectId: `aad-${id}` }));
    const next = from + size < roster.length ? String(from + size) : undefined;
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ members: page, ...(next ? { continuationToken: next } : {}) }));
  }

  /** Forgets every request recorded, everyone blocked and everyone vanished; rosters and names stay. */
  reset(): void {
    for (const list of [this.sent, this.refused, this.created, this.rosterReads, this.memberLookups, this.malformed])
      list.length = 0;
    this.failures.length = 0;
    this.blocked.clear();
    this.vanished.clear();
  }

  /** createConversation requests that opened a chat, by member. */
  opened(): string[] {
    return this.created.filter((c) => 'id' in c.answer).map((c) => c.member);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
  }

  /** New messages and replies (not updates), in order. */
  messages(): SentActivity[] {
    return this.sent.filter((s) => s.verb === 'POST');
  }

  /** Readers of a sent activity's words and buttons (teams-activity-text.ts). */
  static readonly textOf = textOf;
  static readonly rawTextOf = rawTextOf;
  static readonly buttons = buttons;
}
