import {
  ConfigurationServiceClientCredentialFactory,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import { AuthenticationError, type ServiceClientCredentialsFactory } from 'botframework-connector';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Config } from '../config';

/**
 * Endpoints of the Bot Framework token service. Only tests set them (teams-platform §6.3: a local
 * OpenID metadata document and JWKS); production always uses the SDK's public defaults.
 */
export interface AuthEndpoints {
  openIdMetadataUrl: string;
  tokenIssuer: string;
  oauthScope: string;
  loginUrl: string;
}

/** How inbound requests are authenticated. `off` only outside production (config refuses it there). */
export type BotAuth =
  | { mode: 'off' }
  | {
      mode: 'on';
      appId: string;
      tenantId: string;
      appType: 'SingleTenant' | 'UserAssignedMsi';
      password?: string;
      endpoints?: AuthEndpoints;
      /** Outbound credentials; tests pass one that needs no token service. */
      credentialsFactory?: ServiceClientCredentialsFactory;
    };

/** The bot's auth mode from validated configuration. */
export function botAuthFromConfig(config: Pick<Config, 'bot'>): BotAuth {
  const { id, tenantId, type, password } = config.bot;
  if (!id || !tenantId) return { mode: 'off' };
  return { mode: 'on', appId: id, tenantId, appType: type, ...(password ? { password } : {}) };
}

export function botAppIdOf(auth: BotAuth): string {
  return auth.mode === 'on' ? auth.appId : '';
}

/**
 * The teams-ai adapter (a CloudAdapter). Auth off: an empty app id with the MultiTenant factory, the
 * only combination the SDK accepts as "disabled" (§6.1). Auth on: JWT validation of every request.
 */
export function createTeamsAdapter(auth: BotAuth): TeamsAdapter {
  if (auth.mode === 'off') {
    const credentials = new ConfigurationServiceClientCredentialFactory({
      MicrosoftAppId: '',
      MicrosoftAppType: 'MultiTenant',
    });
    return new TeamsAdapter({}, credentials);
  }
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: auth.appId,
    MicrosoftAppTenantId: auth.tenantId,
    ...(auth.endpoints
      ? {
          ToBotFromChannelOpenIdMetadataUrl: auth.endpoints.openIdMetadataUrl,
          ToBotFromChannelTokenIssuer: auth.endpoints.tokenIssuer,
          ToChannelFromBotOAuthScope: auth.endpoints.oauthScope,
          ToChannelFromBotLoginUrl: auth.endpoints.loginUrl,
        }
      : {}),
  };
  const credentials =
    auth.credentialsFactory ??
    new ConfigurationServiceClientCredentialFactory({
      MicrosoftAppId: auth.appId,
      MicrosoftAppTenantId: auth.tenantId,
      MicrosoftAppType: auth.appType,
      ...(auth.password ? { MicrosoftAppPassword: auth.password } : {}),
    });
  return refuseBadTokensWith401(new TeamsAdapter(options, credentials));
}

/** jsonwebtoken's failures: a bad signature, a missing one (alg none), a malformed or premature token. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError']);

/**
 * The SDK turns some token failures (signed by an unknown key, alg "none") into AuthenticationError
 * (401) but rethrows jsonwebtoken's own errors, which CloudAdapter answers with 500 and the error text:
 * a forged request then looked like a server fault. They are authentication failures like the rest.
 */
function refuseBadTokensWith401(adapter: TeamsAdapter): TeamsAdapter {
  // processActivity is protected: reached through its runtime shape, as CloudAdapter.process calls it.
  const target = adapter as unknown as { processActivity: (...args: unknown[]) => Promise<unknown> };
  const processActivity = target.processActivity.bind(adapter);
  target.processActivity = async (...args: unknown[]) => {
    try {
      return await processActivity(...args);
    } catch (err) {
      if (err instanceof Error && TOKEN_ERRORS.has(err.name)) {
        throw new AuthenticationError('Unauthorized. The token is not valid.', 401);
      }
      throw err;
    }
  };
  return adapter;
}
