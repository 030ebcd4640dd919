/** Where Teams (the Bot Framework) posts activities. A module of its own so routing can name it without loading botbuilder. */
export const TEAMS_PATH = '/api/messages';
