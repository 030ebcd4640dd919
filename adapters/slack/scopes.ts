// The bot scopes the code needs, asked for at OAuth install; manifest.json lists the same (a test
// checks both against what the code calls).
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'channels:history',
  'groups:history',
  'im:history',
  'channels:join',
  'channels:read',
  'groups:read',
  'users:read',
  'im:write',
  'mpim:write',
  'files:write',
] as const;
