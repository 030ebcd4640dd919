import { createServer, type Server } from 'node:http';
import { readBody } from './read-body.js';

// A stand-in for the Bot Connector service on loopback, where `serviceUrl` points. It records every
// activity the bot sends (new threads, replies, updates), answers with ids as Teams does, and can be
// told to fail the next sends (an error status, or a 429 with Retry-After).

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
}

export interface AdaptiveCard {
  type: string;
  version: string;
  body: Record<string, unknown>[];
  actions?: { type: string; title: string; data: Record<string, unknown> }[];
}

type Failure = { status: number; retryAfter?: number };

export class FakeTeams {
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
      void readBody(req).then((raw) => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(url.pathname);
        if (member?.[1] && member[2] && req.method === 'GET') {
          const team = decodeURIComponent(member[1]);
          const user = decodeURIComponent(member[2]);
          this.memberLookups.push(`${team}/${user}`);
          const roster = this.rosters.get(team);
          if (roster && !roster.includes(user)) {
            res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'MemberNotFoundInConversation', message: 'The member was not found in the conversation.' } }));
            return;
          }
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: user, name: user }));
          return;
        }
        const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url.pathname);
        if (!match?.[1] || (req.method !== 'POST' && req.method !== 'PUT')) {
          res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'NotFound', message: url.pathname } }));
          return;
        }
        const conversation = decodeURIComponent(match[1]);
        const failure = this.failures.shift();
        if (failure) {
          this.refused.push({ conversation, status: failure.status });
          res.writeHead(failure.status, { 'content-type': 'application/json', ...(failure.retryAfter ? { 'retry-after': String(failure.retryAfter) } : {}) });
          res.end(JSON.stringify({ error: { code: 'Refused', message: 'refused by the test' } }));
          return;
        }
        const activityId = match[2] ? decodeURIComponent(match[2]) : undefined;
        const id = req.method === 'PUT' && activityId ? activityId : String(this.nextId++);
        this.sent.push({
          verb: req.method,
          conversation,
          ...(activityId ? { activityId } : {}),
          id,
          activity: JSON.parse(raw || '{}') as SentActivity['activity'],
          authorization: req.headers.authorization,
        });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
      });
    });
    await new Promise<void>((done) => this.server?.listen(0, '127.0.0.1', done));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
  }

  /** New messages and replies (not updates), in order. */
  messages(): SentActivity[] {
    return this.sent.filter((s) => s.verb === 'POST');
  }

  /** What a sent activity says as a person sees it: its text, or its card's text blocks, joined, with Markdown escapes and entities read. */
  static textOf(sent: SentActivity): string {
    return FakeTeams.rawTextOf(sent)
      .replace(/\\([!-/:-@[-`{-~])/g, '$1')
      .replace(/&(lt|gt|amp);/g, (_entity, name: string) => ({ lt: '<', gt: '>', amp: '&' })[name] ?? '');
  }

  /** The Markdown as sent: the text, or the card's text blocks, joined. */
  static rawTextOf(sent: SentActivity): string {
    if (sent.activity.text) return sent.activity.text;
    const card = sent.activity.attachments?.[0]?.content;
    return (card?.body ?? []).flatMap((block) => (block.type === 'TextBlock' && typeof block.text === 'string' ? [block.text] : [])).join('\n');
  }

  static buttons(sent: SentActivity): { title: string; data: Record<string, unknown> }[] {
    return (sent.activity.attachments?.[0]?.content.actions ?? []).map((a) => ({ title: a.title, data: a.data }));
  }
}
