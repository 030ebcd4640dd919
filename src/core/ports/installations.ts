import type { Platform } from '../model.js';

/** The platforms an app is installed on (the console needs no install). */
export type InstallPlatform = Exclude<Platform, 'console'>;

/** Installations as the core sees them: whether a workspace has the app, apart from any stored tokens. */
export interface InstallationPort {
  /** The app is back: the workspace is no longer waiting to be purged. */
  reinstate(platform: InstallPlatform, externalId: string): Promise<void>;
}
