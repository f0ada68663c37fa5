import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig } from '../../bot/config';

const GUID_A = '11111111-2222-3333-4444-555555555555';
const GUID_B = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

function problemsOf(env: Record<string, string>): { variable: string; message: string }[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected loadConfig to refuse the environment');
}

describe('loadConfig', () => {
  it('starts with nothing configured, on the embedded defaults', () => {
    const config = loadConfig({});

    expect(config.port).toBe(3978);
    expect(config.mongo).toEqual({ uri: undefined, db: 'driftwatch' });
    expect(config.bot.authEnabled).toBe(false);
    expect(config.graph.baseUrl).toBe('https://graph.microsoft.com');
    expect(config.graph.authorityHost).toBe('https://login.microsoftonline.com');
    expect(config.timezone).toBe('UTC');
    expect(config.unconfigured).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('accepts a complete production configuration', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      MONGODB_URI: 'mongodb+srv://user:pw@cluster0.example.net/?retryWrites=true',
      MONGODB_DB: 'drift_prod',
      BOT_ID: GUID_A,
      BOT_PASSWORD: 'bot-secret',
      BOT_TENANT_ID: GUID_B,
      BOT_TYPE: 'SingleTenant',
      GRAPH_CLIENT_ID: GUID_B,
      GRAPH_CLIENT_SECRET: 'graph-secret',
      GRAPH_BASE_URL: 'https://graph.microsoft.com/',
      DRIFTWATCH_SCHEDULE: '0 */15 * * * *',
      DRIFTWATCH_TIMEZONE: 'Europe/Berlin',
      DRIFTWATCH_ADMINS: `${GUID_A.toUpperCase()}, ${GUID_B}`,
      LOG_LEVEL: 'DEBUG',
    });

    expect(config.port).toBe(8080);
    expect(config.bot).toMatchObject({ id: GUID_A, authEnabled: true, type: 'SingleTenant' });
    expect(config.graph.baseUrl).toBe('https://graph.microsoft.com');
    expect(config.admins).toEqual([GUID_A, GUID_B]);
    expect(config.log.level).toBe('debug');
    expect(config.unconfigured).toBe(false);
  });

  it('treats blank variables as unset', () => {
    expect(loadConfig({ PORT: '', MONGODB_URI: '  ', BOT_ID: '' }).port).toBe(3978);
  });

  it.each([
    ['PORT', { PORT: 'eighty' }, 'port number'],
    ['PORT', { PORT: '70000' }, 'port number'],
    ['PORT', { PORT: '80.5' }, 'whole number'],
    ['MONGODB_URI', { MONGODB_URI: 'postgres://localhost/db' }, 'mongodb://'],
    ['MONGODB_DB', { MONGODB_DB: 'drift/watch' }, 'database name'],
    ['BOT_ID', { BOT_ID: 'not-a-guid' }, 'GUID'],
    ['BOT_TYPE', { BOT_TYPE: 'MultiTenant' }, 'SingleTenant or UserAssignedMsi'],
    ['GRAPH_CLIENT_ID', { GRAPH_CLIENT_ID: '123' }, 'GUID'],
    ['GRAPH_BASE_URL', { GRAPH_BASE_URL: 'http://graph.example' }, 'https://'],
    ['GRAPH_AUTHORITY_HOST', { GRAPH_AUTHORITY_HOST: 'login' }, 'absolute URL'],
    ['DRIFTWATCH_SCHEDULE', { DRIFTWATCH_SCHEDULE: 'every hour' }, 'cron expression'],
    ['DRIFTWATCH_TIMEZONE', { DRIFTWATCH_TIMEZONE: 'Mars/Olympus' }, 'IANA time zone'],
    ['DRIFTWATCH_ADMINS', { DRIFTWATCH_ADMINS: `${GUID_A},bob` }, 'Entra object ids'],
    ['DRIFTWATCH_MAX_CONCURRENT_CHECKS', { DRIFTWATCH_MAX_CONCURRENT_CHECKS: '0' }, 'from 1 to 64'],
    ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }, 'expected one of'],
  ])('refuses a bad %s and says what is expected', (variable, env, expected) => {
    const problems = problemsOf(env as Record<string, string>);

    const problem = problems.find((p) => p.variable === variable);
    expect(problem?.message).toContain(expected);
  });

  it('names every bad variable at once, in one message', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: '-1', MONGODB_URI: 'localhost:27017', LOG_LEVEL: 'loud' });
    } catch (err) {
      error = err;
    }

    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('3 environment variables are invalid');
    expect(message).toMatch(/PORT: .*port number/);
    expect(message).toMatch(/MONGODB_URI: .*mongodb:\/\//);
    expect(message).toMatch(/LOG_LEVEL: .*expected one of/);
  });

  it.each([
    [{ NODE_ENV: 'production' }, 'BOT_ID', 'inbound authentication off'],
    [{ NODE_ENV: 'production' }, 'MONGODB_URI', 'embedded stand-in'],
    [{ BOT_ID: GUID_A, BOT_PASSWORD: 'x' }, 'BOT_TENANT_ID', 'required'],
    [{ BOT_ID: GUID_A, BOT_TENANT_ID: GUID_B }, 'BOT_PASSWORD', 'required'],
    [
      { BOT_ID: GUID_A, BOT_TENANT_ID: GUID_B, BOT_TYPE: 'UserAssignedMsi', BOT_PASSWORD: 'x' },
      'BOT_PASSWORD',
      'must be empty',
    ],
    [{ GRAPH_CLIENT_ID: GUID_A }, 'GRAPH_CLIENT_SECRET', 'GRAPH_CERTIFICATE_PATH'],
    [{ GRAPH_CLIENT_SECRET: 's' }, 'GRAPH_CLIENT_ID', 'required'],
    [
      { GRAPH_CLIENT_ID: GUID_A, GRAPH_CLIENT_SECRET: 's', GRAPH_CERTIFICATE_PATH: '/c.pem' },
      'GRAPH_CERTIFICATE_PATH',
      'not both',
    ],
  ])('checks variables that depend on each other: %o', (env, variable, expected) => {
    const problems = problemsOf(env as Record<string, string>);

    expect(problems.map((p) => p.variable)).toContain(variable);
    expect(problems.find((p) => p.variable === variable)?.message).toContain(expected);
  });

  it('accepts a managed identity without a password', () => {
    const config = loadConfig({ BOT_ID: GUID_A, BOT_TENANT_ID: GUID_B, BOT_TYPE: 'UserAssignedMsi' });

    expect(config.bot.type).toBe('UserAssignedMsi');
  });

  it('describes itself without secrets, for the start-up log', () => {
    const config = loadConfig({
      MONGODB_URI: 'mongodb://admin:hunter2@db:27017',
      BOT_ID: GUID_A,
      BOT_PASSWORD: 'bot-pass-123',
      BOT_TENANT_ID: GUID_B,
      GRAPH_CLIENT_ID: GUID_B,
      GRAPH_CLIENT_SECRET: 'graph-secret-456',
    });

    const text = JSON.stringify(describeConfig(config));

    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('bot-pass-123');
    expect(text).not.toContain('graph-secret-456');
    expect(text).toContain('(set)');
  });
});
