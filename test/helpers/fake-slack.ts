import { createServer, type Server, type ServerResponse } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { readBody } from './read-body.js';
import { GROUP_DM_PREFIX, membersPage, openConversation } from './slack-conversations.js';
import { responseUrlRefuses, slackRefusal } from './slack-refusals.js';
import { slackUserObject } from './slack-users.js';
import { parseBody, uploadedContent } from './slack-wire.js';

// A stand-in for Slack's Web API on loopback. It records every call the bot makes, answers as Slack
// would, and can be told to fail a method (an error, or a 429 with Retry-After). Options make it slow
// (a delay per call) and have it answer some calls 429 of its own accord, as a busy Slack does.
// Like Slack, it refuses a message or view outside Block Kit's documented limits (slack-limits.ts)
// instead of showing it (slack-refusals.ts), so a test fails where the real platform would.

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
  /** What the fake answered (a 429 is recorded as `{ ok: false, error: 'ratelimited' }`). */
  response: Record<string, unknown>;
  /** When it answered (Date.now()). */
  at: number;
}

export interface FakeUser {
  id: string;
  name: string;
  tz?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  status_emoji?: string;
  /** Unix seconds when the status clears itself; 0 (the default): until they clear it. */
  status_expiration?: number;
  /** Unix seconds when the profile last changed (Slack's `updated`); one fixed second unless set. */
  updated?: number;
  /** Their workspace (default: the workspace of the token that asks). */
  team_id?: string;
  deleted?: boolean;
  is_bot?: boolean;
  /** A guest. */
  is_restricted?: boolean;
}

type Failure = { error: string } | { rateLimited: number };

export interface FakeSlackOptions {
  /** How long to take over a call of `method`, in ms, before answering it (default: at once). */
  latency?: (method: string) => number;
  /** Retry-After seconds to refuse this call of `method` (with these arguments) with, as a 429; null answers it (default: always answered). */
  rateLimit?: (method: string, args: Record<string, unknown>, token: string | undefined) => number | null;
}

/** A call the fake has received, answered or not yet. */
export interface ReceivedCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
  answered: boolean;
  /** When it arrived (Date.now()). */
  arrivedAt: number;
}

/** The workspace a bot token belongs to: an installed one names its team, the default is T1's. */
const teamOfToken = (token: string | undefined) =>
  token?.startsWith('xoxb-installed-') ? token.slice('xoxb-installed-'.length) : 'T1';

export class FakeSlack {
  readonly calls: SlackCall[] = [];
  /** Every call as it arrives, before any delay: what is still unanswered was in flight. */
  readonly received: ReceivedCall[] = [];
  /** Bodies posted to response URLs (slash command answers). */
  readonly responses: { path: string; body: Record<string, unknown> }[] = [];
  /** Files uploaded to the URLs files.getUploadURLExternal handed out, by file id. */
  readonly uploads = new Map<string, string>();
  private nextFile = 1;
  readonly users = new Map<string, FakeUser>();
  /**
   * Who is in each channel, for conversations.members. A channel not set here has everyone the fake
   * knows: the people in `users` and anyone the bot has looked up.
   */
  readonly channelMembers = new Map<string, string[]>();
  /** Ids Slack has no user for: users.info answers user_not_found. */
  readonly strangers = new Set<string>();
  private readonly lookedUp = new Set<string>();
  /** Group DMs conversations.open opened, by channel id, with their people. */
  readonly groupDms = new Map<string, string[]>();
  readonly failures = new Map<string, Failure[]>();
  private server: Server | undefined;
  private sockets: WebSocketServer | undefined;
  /** The Socket Mode connection the bot opened, once it has. */
  socket: WebSocket | undefined;
  private readonly acks = new Map<string, (payload: unknown) => void>();
  private nextEnvelope = 1;
  private nextTs = 1_700_000_000;
  port = 0;

  constructor(private readonly options: FakeSlackOptions = {}) {}

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/respond/${id}`;
  }

  /** The next call of `method` fails this way (queue several for several calls). */
  fail(method: string, failure: Failure): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), failure]);
  }

  /** How many calls of `method` arrived, answered or refused. */
  countOf(method: string): number {
    return this.received.filter((call) => call.method === method).length;
  }

  /** The user object Slack puts in users.info answers and user_change events. */
  userObject(id: string, team = 'T1'): Record<string, unknown> {
    return slackUserObject(this.users.get(id) ?? { id, name: id }, team);
  }

  callsTo(method: string): Record<string, unknown>[] {
    return this.calls.filter((call) => call.method === method && call.response.ok === true).map((call) => call.args);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        const url = req.url ?? '/';
        if (url.startsWith('/upload/')) {
          this.uploads.set(url.slice('/upload/'.length), uploadedContent(raw, req.headers['content-type']));
          res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${raw.length}`);
          return;
        }
        const body = parseBody(raw, req.headers['content-type']);
        if (url.startsWith('/respond/')) {
          // A response URL refuses blocks Slack cannot show, with a 400 and the error as its body.
          if (responseUrlRefuses(body)) {
            res.writeHead(400, { 'content-type': 'text/plain' }).end('invalid_blocks');
            return;
          }
          this.responses.push({ path: url, body });
          res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
          return;
        }
        const method = url.replace(/^\/api\//, '').split('?')[0] ?? '';
        const token = req.headers.authorization?.replace(/^Bearer /, '') ?? (body.token as string | undefined);
        const arrived: ReceivedCall = { method, args: body, token, answered: false, arrivedAt: Date.now() };
        this.received.push(arrived);
        const delay = this.options.latency?.(method) ?? 0;
        // Slack acts on a call it has received even when the caller is gone by the time it answers.
        return (delay > 0 ? new Promise((done) => setTimeout(done, delay)) : Promise.resolve()).then(() => {
          arrived.answered = true;
          this.answerCall(res, method, body, token);
        });
      });
    });
    // Socket Mode: apps.connections.open hands out ws://…/socket; envelopes go down it, acks come back.
    this.sockets = new WebSocketServer({ server: this.server, path: '/socket' });
    this.sockets.on('connection', (socket) => {
      this.socket = socket;
      // A server socket's binaryType is 'nodebuffer', so a whole message arrives as one Buffer.
      socket.on('message', (data: Buffer) => {
        const ack = JSON.parse(data.toString('utf8')) as { envelope_id?: string; payload?: unknown };
        if (ack.envelope_id) this.acks.get(ack.envelope_id)?.(ack.payload);
      });
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' } }));
    });
    await new Promise<void>((done) => this.server?.listen(0, '127.0.0.1', done));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
  }

  /** Sends an envelope down the Socket Mode connection; resolves with what the bot acked with. */
  envelope(type: 'slash_commands' | 'events_api' | 'interactive', payload: Record<string, unknown>): Promise<unknown> {
    const socket = this.socket;
    if (!socket) throw new Error('the bot has not connected in Socket Mode');
    const id = `env-${this.nextEnvelope++}`;
    const acked = new Promise<unknown>((done) => this.acks.set(id, done));
    socket.send(
      JSON.stringify({
        envelope_id: id,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        retry_attempt: 0,
        retry_reason: '',
      }),
    );
    return acked;
  }

  async stop(): Promise<void> {
    for (const client of this.sockets?.clients ?? []) client.terminate();
    this.sockets?.close();
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
  }

  private answerCall(
    res: ServerResponse,
    method: string,
    body: Record<string, unknown>,
    token: string | undefined,
  ): void {
    const failure = this.failures.get(method)?.shift();
    const retryAfter =
      failure && 'rateLimited' in failure
        ? failure.rateLimited
        : failure
          ? null
          : (this.options.rateLimit?.(method, body, token) ?? null);
    if (retryAfter !== null) {
      const limited = { ok: false, error: 'ratelimited' };
      this.calls.push({ method, args: body, token, response: limited, at: Date.now() });
      res.writeHead(429, { 'retry-after': String(retryAfter), 'content-type': 'application/json' });
      res.end(JSON.stringify(limited));
      return;
    }
    const answer =
      failure && 'error' in failure ? { ok: false, error: failure.error } : this.answer(method, body, token);
    this.calls.push({ method, args: body, token, response: answer, at: Date.now() });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }

  /** conversations.members: a channel not set in `channelMembers` has everyone the fake knows. */
  private members(args: Record<string, unknown>): Record<string, unknown> {
    const channel = typeof args.channel === 'string' ? args.channel : '';
    if (!channel) return { ok: false, error: 'channel_not_found' };
    return membersPage(
      this.channelMembers.get(channel) ?? [...new Set([...this.users.keys(), ...this.lookedUp])],
      args,
    );
  }

  private ts(): string {
    return `${this.nextTs++}.000100`;
  }

  private answer(method: string, args: Record<string, unknown>, token?: string): Record<string, unknown> {
    const refused = slackRefusal(method, args);
    if (refused) return refused;
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'mentor_circle' };
      case 'oauth.v2.access':
        // Each code installs into the team named after it: code-T2 installs into T2.
        return {
          ok: true,
          app_id: 'A1',
          authed_user: { id: 'UINSTALLER' },
          scope: 'commands,chat:write',
          token_type: 'bot',
          access_token: `xoxb-installed-${String(args.code).replace(/^code-/, '')}`,
          bot_user_id: 'UBOT',
          team: { id: String(args.code).replace(/^code-/, ''), name: 'Second School' },
          enterprise: null,
          is_enterprise_install: false,
        };
      case 'chat.postMessage':
        if (String(args.channel).startsWith(GROUP_DM_PREFIX) && !this.groupDms.has(String(args.channel)))
          return { ok: false, error: 'channel_not_found' };
        return { ok: true, channel: args.channel, ts: this.ts(), message: { text: args.text } };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.ts() };
      case 'conversations.members':
        return this.members(args);
      case 'users.info': {
        if (this.strangers.has(String(args.user))) return { ok: false, error: 'user_not_found' };
        this.lookedUp.add(String(args.user));
        return { ok: true, user: this.userObject(String(args.user), teamOfToken(token)) };
      }
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${this.port}/socket` };
      case 'conversations.join':
        return { ok: true, channel: { id: args.channel } };
      case 'files.getUploadURLExternal': {
        const id = `F${this.nextFile++}`;
        return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal':
        return { ok: true, files: [] };
      case 'conversations.open':
        return openConversation(args, this.strangers, this.groupDms);
      default:
        return { ok: true };
    }
  }
}
