import { z } from 'zod';
import { validateCron } from '../core/scheduling/cron';
import { parseDurationMs } from './duration';

/**
 * The only reader of the environment. Validates every variable at once and either returns a frozen
 * Config or throws a ConfigError that names each bad variable with what is expected.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const guid = (what: string) =>
  z.string().trim().regex(GUID, `expected ${what} as a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`);

const httpsUrl = z
  .string()
  .trim()
  .url('expected an absolute URL such as https://graph.microsoft.com')
  .refine((u) => u.startsWith('https://'), 'expected an https:// URL (Graph and Entra only speak HTTPS)')
  .transform((u) => u.replace(/\/+$/, ''));

function isTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const EnvSchema = z
  .object({
    NODE_ENV: optional(z.enum(['production', 'development', 'test'])),
    PORT: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ invalid_type_error: 'expected a port number from 0 to 65535' })
        .int('expected a whole number from 0 to 65535')
        .min(0, 'expected a port number from 0 to 65535')
        .max(65535, 'expected a port number from 0 to 65535')
        .default(3978),
    ),
    MONGODB_URI: optional(
      z
        .string()
        .trim()
        .regex(
          /^mongodb(\+srv)?:\/\/[^\s/]+/,
          'expected a MongoDB connection string starting with mongodb:// or mongodb+srv://',
        ),
    ),
    MONGODB_DB: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,63}$/, 'expected a database name of letters, digits, _ or - (at most 63)')
        .default('driftwatch'),
    ),
    BOT_ID: optional(guid('the Azure Bot app id')),
    BOT_PASSWORD: optional(z.string()),
    BOT_TENANT_ID: optional(guid('the Entra tenant id of the bot')),
    BOT_TYPE: z.preprocess(
      blankToUndefined,
      z
        .enum(['SingleTenant', 'UserAssignedMsi'], {
          errorMap: () => ({ message: 'expected SingleTenant or UserAssignedMsi' }),
        })
        .default('SingleTenant'),
    ),
    GRAPH_CLIENT_ID: optional(guid('the application (client) id of the Graph app')),
    GRAPH_CLIENT_SECRET: optional(z.string()),
    GRAPH_CERTIFICATE_PATH: optional(z.string()),
    GRAPH_BASE_URL: z.preprocess(blankToUndefined, httpsUrl.default('https://graph.microsoft.com')),
    GRAPH_AUTHORITY_HOST: z.preprocess(
      blankToUndefined,
      httpsUrl.default('https://login.microsoftonline.com'),
    ),
    DRIFTWATCH_SCHEDULE: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .refine(
          (s) => validateCron(s),
          'expected a cron expression such as "0 */30 * * * *" (seconds allowed)',
        )
        .default('0 */30 * * * *'),
    ),
    DRIFTWATCH_TIMEZONE: z.preprocess(
      blankToUndefined,
      z.string().trim().refine(isTimezone, 'expected an IANA time zone such as Europe/Berlin').default('UTC'),
    ),
    DRIFTWATCH_ADMINS: z.preprocess(
      blankToUndefined,
      z
        .string()
        .default('')
        .transform((s) =>
          s
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean),
        )
        .refine(
          (ids) => ids.every((id) => GUID.test(id)),
          'expected a comma-separated list of Entra object ids (GUIDs)',
        )
        .transform((ids) => ids.map((id) => id.toLowerCase())),
    ),
    DRIFTWATCH_TENANTS_FILE: optional(z.string()),
    DRIFTWATCH_DATA_DIR: z.preprocess(blankToUndefined, z.string().default('.driftwatch')),
    DRIFTWATCH_MAX_CONCURRENT_CHECKS: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ invalid_type_error: 'expected a whole number from 1 to 64' })
        .int('expected a whole number from 1 to 64')
        .min(1, 'expected a whole number from 1 to 64')
        .max(64, 'expected a whole number from 1 to 64')
        .default(4),
    ),
    DRIFTWATCH_REMINDER_AFTER: z.preprocess(
      blankToUndefined,
      z
        .string()
        .default('24')
        .transform((s, ctx) => {
          const ms = parseDurationMs(s);
          if (ms === undefined)
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              message:
                'expected an age above zero as an ISO 8601 duration (P1D, PT36H, P1DT12H, P2W; no years or months) or a number of hours (24)',
            });
          return ms ?? 0;
        }),
    ),
    LOG_LEVEL: z.preprocess(
      (v) => (typeof v === 'string' ? blankToUndefined(v.toLowerCase()) : v),
      z
        .enum(LOG_LEVELS, { errorMap: () => ({ message: `expected one of ${LOG_LEVELS.join(', ')}` }) })
        .default('info'),
    ),
    LOG_FORMAT: z.preprocess(
      blankToUndefined,
      z
        .enum(['json', 'pretty'], { errorMap: () => ({ message: 'expected json or pretty' }) })
        .default('json'),
    ),
  })
  .superRefine((env, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    if (!env.BOT_ID && env.NODE_ENV === 'production') {
      issue('BOT_ID', 'required when NODE_ENV=production: an empty BOT_ID turns inbound authentication off');
    }
    if (!env.MONGODB_URI && env.NODE_ENV === 'production') {
      issue(
        'MONGODB_URI',
        'required when NODE_ENV=production: the embedded stand-in is for trying Driftwatch, not for keeping data',
      );
    }
    if (env.BOT_ID) {
      if (!env.BOT_TENANT_ID)
        issue('BOT_TENANT_ID', `required when BOT_ID is set (BOT_TYPE=${env.BOT_TYPE})`);
      if (env.BOT_TYPE === 'SingleTenant' && !env.BOT_PASSWORD)
        issue(
          'BOT_PASSWORD',
          'required when BOT_ID is set and BOT_TYPE=SingleTenant (the client secret of the bot app)',
        );
      if (env.BOT_TYPE === 'UserAssignedMsi' && env.BOT_PASSWORD)
        issue(
          'BOT_PASSWORD',
          'must be empty when BOT_TYPE=UserAssignedMsi (the managed identity has no secret)',
        );
    }
    if (env.GRAPH_CLIENT_ID && !env.GRAPH_CLIENT_SECRET && !env.GRAPH_CERTIFICATE_PATH) {
      issue(
        'GRAPH_CLIENT_SECRET',
        'GRAPH_CLIENT_ID is set: also set GRAPH_CLIENT_SECRET or GRAPH_CERTIFICATE_PATH',
      );
    }
    if (env.GRAPH_CLIENT_SECRET && env.GRAPH_CERTIFICATE_PATH) {
      issue('GRAPH_CERTIFICATE_PATH', 'set GRAPH_CLIENT_SECRET or GRAPH_CERTIFICATE_PATH, not both');
    }
    if ((env.GRAPH_CLIENT_SECRET || env.GRAPH_CERTIFICATE_PATH) && !env.GRAPH_CLIENT_ID) {
      issue('GRAPH_CLIENT_ID', 'required when a Graph secret or certificate is set');
    }
  });

type Env = z.infer<typeof EnvSchema>;

export interface Config {
  nodeEnv: 'production' | 'development' | 'test';
  port: number;
  mongo: { uri?: string; db: string };
  bot: {
    id?: string;
    password?: string;
    tenantId?: string;
    type: 'SingleTenant' | 'UserAssignedMsi';
    authEnabled: boolean;
  };
  graph: {
    clientId?: string;
    clientSecret?: string;
    certificatePath?: string;
    baseUrl: string;
    authorityHost: string;
  };
  schedule: string;
  timezone: string;
  admins: string[];
  tenantsFile?: string;
  dataDir: string;
  maxConcurrentChecks: number;
  /** Unacknowledged findings older than this get one reminder in their bound channels. */
  reminderAfterMs: number;
  log: { level: (typeof LOG_LEVELS)[number]; format: 'json' | 'pretty' };
  /** True when nothing points at real services: `npm start` then runs the embedded demo. */
  unconfigured: boolean;
}

export class ConfigError extends Error {
  readonly code = 'config.invalid' as const;
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `Driftwatch cannot start: ${problems.length} environment variable${problems.length === 1 ? ' is' : 's are'} invalid\n` +
        problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** Validates the environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const seen = new Set<string>();
    const problems = parsed.error.issues
      .map((i) => ({ variable: String(i.path[0] ?? 'environment'), message: i.message }))
      .filter((p) => (seen.has(p.variable) ? false : (seen.add(p.variable), true)));
    throw new ConfigError(problems);
  }
  return toConfig(parsed.data);
}

function toConfig(env: Env): Config {
  return Object.freeze({
    nodeEnv: env.NODE_ENV ?? 'development',
    port: env.PORT,
    mongo: { uri: env.MONGODB_URI, db: env.MONGODB_DB },
    bot: {
      id: env.BOT_ID,
      password: env.BOT_PASSWORD,
      tenantId: env.BOT_TENANT_ID,
      type: env.BOT_TYPE,
      authEnabled: Boolean(env.BOT_ID),
    },
    graph: {
      clientId: env.GRAPH_CLIENT_ID,
      clientSecret: env.GRAPH_CLIENT_SECRET,
      certificatePath: env.GRAPH_CERTIFICATE_PATH,
      baseUrl: env.GRAPH_BASE_URL,
      authorityHost: env.GRAPH_AUTHORITY_HOST,
    },
    schedule: env.DRIFTWATCH_SCHEDULE,
    timezone: env.DRIFTWATCH_TIMEZONE,
    admins: env.DRIFTWATCH_ADMINS,
    tenantsFile: env.DRIFTWATCH_TENANTS_FILE,
    dataDir: env.DRIFTWATCH_DATA_DIR,
    maxConcurrentChecks: env.DRIFTWATCH_MAX_CONCURRENT_CHECKS,
    reminderAfterMs: env.DRIFTWATCH_REMINDER_AFTER,
    log: { level: env.LOG_LEVEL, format: env.LOG_FORMAT },
    unconfigured: !env.MONGODB_URI && !env.BOT_ID && !env.GRAPH_CLIENT_ID,
  });
}

/** The configuration with secrets replaced by their presence, safe to log. */
export function describeConfig(config: Config): Record<string, unknown> {
  return {
    ...config,
    mongo: { uri: config.mongo.uri ? redactUri(config.mongo.uri) : undefined, db: config.mongo.db },
    bot: { ...config.bot, password: config.bot.password ? '(set)' : undefined },
    graph: { ...config.graph, clientSecret: config.graph.clientSecret ? '(set)' : undefined },
  };
}

function redactUri(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//(credentials)@');
}
