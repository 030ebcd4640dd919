import type { WebClient } from '@slack/web-api';
import { nameOf } from './away-status.js';

// Names, time zones and admin status come from users.info. They change rarely, so each is kept for
// an hour; if Slack cannot be asked, the command's own user name stands in and the zone stays unknown.

export interface Profile {
  name: string;
  timeZone?: string;
  /** Slack admin or owner; absent when Slack could not be asked, so nobody is demoted on an outage. */
  isPlatformAdmin?: boolean;
}

const FRESH_FOR_MS = 60 * 60 * 1000;
const MAX_ENTRIES = 10_000;

interface UsersInfo {
  user?: {
    name?: string;
    real_name?: string;
    tz?: string;
    is_admin?: boolean;
    is_owner?: boolean;
    is_primary_owner?: boolean;
    profile?: { display_name?: string; real_name?: string };
  };
}

export class ProfileCache {
  private readonly entries = new Map<string, { profile: Profile; at: number }>();

  constructor(
    private readonly onError: (error: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** The person changed their profile: the next interaction asks Slack afresh. */
  forget(team: string, user: string): void {
    this.entries.delete(`${team}:${user}`);
  }

  async lookup(client: WebClient, team: string, user: string, fallbackName?: string): Promise<Profile> {
    const key = `${team}:${user}`;
    const cached = this.entries.get(key);
    if (cached && this.now() - cached.at < FRESH_FOR_MS) return cached.profile;
    try {
      const info = (await client.users.info({ user })) as UsersInfo;
      const found = info.user ?? {};
      const profile: Profile = {
        name: nameOf(found) || fallbackName || user,
        ...(found.tz ? { timeZone: found.tz } : {}),
        isPlatformAdmin: Boolean(found.is_admin || found.is_owner || found.is_primary_owner),
      };
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value ?? '');
      this.entries.set(key, { profile, at: this.now() });
      return profile;
    } catch (error) {
      // Answering matters more than a fresh name: keep going with what we have.
      this.onError(error);
      return cached?.profile ?? { name: fallbackName ?? user };
    }
  }
}
