/** Checks every minute, on the minute. */
export const DEFAULT_DEMO_SCHEDULE = '0 * * * * *';
/** The simulator changes a tenant every three minutes. */
export const DEFAULT_CHANGE_EVERY_SECONDS = 180;
/** The Playground's own default port. */
export const DEFAULT_PLAYGROUND_PORT = 56150;
