import type { Request, Response, Server } from 'restify';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { Notifier } from '../../core/notifications/notifier';
import { createChannelSender } from '../proactive/channel-sender';
import { realSleep } from '../proactive/rate-limiter';
import { createTeamsNotifier } from '../proactive/teams-notifier';
import { botAppIdOf, createTeamsAdapter } from './bot-auth';
import type { BotDeps } from './bot-deps';
import { createCardUpdater } from './card-updater';
import { summaryCard } from './card-views';
import { registerRoutes } from './routes';

export interface Bot {
  app: Application<TurnState>;
  adapter: TeamsAdapter;
  /** The core Notifier port: give it to the check runner. */
  notifier: Notifier;
  /** POST /api/messages. */
  handle(req: Request, res: Response): Promise<void>;
  /** Adds POST /api/messages to the server. */
  mount(server: Server): void;
  /** Resolves when background card updates have finished. */
  idle(): Promise<void>;
}

// The fields teams-ai and turn state need; anything less is a bad request, not a crash.
const InboundActivity = z.object({
  type: z.string().min(1).max(100),
  channelId: z.string().min(1).max(100),
  serviceUrl: z.string().min(1).max(2000),
  conversation: z.object({ id: z.string().min(1).max(1000) }).passthrough(),
  from: z.object({ id: z.string().min(1).max(1000) }).passthrough(),
  recipient: z.object({ id: z.string().min(1).max(1000) }).passthrough(),
  text: z.string().max(100_000).optional(),
});

/** The Teams bot: teams-ai Application on the TeamsAdapter, routes, card updates and the notifier. */
export function createBot(deps: BotDeps): Bot {
  const adapter = createTeamsAdapter(deps.auth);
  const botAppId = botAppIdOf(deps.auth);
  const sender = createChannelSender({
    adapter,
    botAppId,
    authEnabled: deps.auth.mode === 'on',
    clock: deps.clock,
    logger: deps.logger.child({ part: 'proactive' }),
    sleep: deps.sleep ?? realSleep,
    ...(deps.retry ? { retry: deps.retry } : {}),
  });
  const updater = createCardUpdater(sender, deps.logger.child({ part: 'card-update' }));
  const app = new Application<TurnState>({
    adapter,
    botAppId,
    startTypingTimer: false,
    removeRecipientMention: true,
  });
  app.error(async (ctx, err) => turnFailed(ctx, err, deps));
  adapter.onTurnError = async (ctx, err) => turnFailed(ctx, err, deps);
  registerRoutes(app, { ...deps, updater });

  const notifier = createTeamsNotifier({
    bindings: deps.bindings,
    findings: deps.stores.findings,
    sender,
    clock: deps.clock,
    logger: deps.logger.child({ part: 'notifier' }),
    ...(deps.reminders ? { reminders: deps.reminders } : {}),
    renderSummary: (tenant, run, options) =>
      summaryCard(tenant, deps, {
        run,
        newFindingIds: options.newFindingIds,
        reopenedFindingIds: options.reopenedFindingIds,
        changedFindingIds: options.changedFindingIds,
        resolved: options.resolved,
        floor: options.floor,
      }),
  });

  async function handle(req: Request, res: Response): Promise<void> {
    const body: unknown = req.body;
    const parsed = InboundActivity.safeParse(body);
    if (!parsed.success) {
      const missing = parsed.error.issues.map((i) => i.path.join('.') || 'body').slice(0, 5);
      res.send(400, {
        code: 'BadRequest',
        message: `Not a Bot Framework activity: check ${missing.join(', ')}.`,
      });
      return;
    }
    await adapter.process(req, res as never, (ctx) => app.run(ctx).then(() => undefined));
  }

  return {
    app,
    adapter,
    notifier,
    handle,
    mount(server) {
      server.post('/api/messages', async (req: Request, res: Response) => handle(req, res));
    },
    idle: () => updater.idle(),
  };
}

/** The one error boundary: log with the turn, answer briefly, never with a stack trace. */
async function turnFailed(ctx: TurnContext, err: unknown, deps: BotDeps): Promise<void> {
  deps.logger.error(
    { err, activityType: ctx.activity.type, conversationId: ctx.activity.conversation?.id },
    'Turn failed',
  );
  try {
    if (ctx.activity.type === ActivityTypes.Invoke) {
      const body = {
        statusCode: 500,
        type: 'application/vnd.microsoft.error',
        value: { code: 'InternalError', message: 'Something went wrong. Try again in a moment.' },
      };
      await ctx.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
    } else if (ctx.activity.type === ActivityTypes.Message) {
      await ctx.sendActivity('Sorry, something went wrong on my side. Try again in a moment.');
    }
  } catch {
    // The connector may be what failed; the log above is what remains.
  }
}
