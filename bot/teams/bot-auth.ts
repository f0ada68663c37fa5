import {
  ConfigurationServiceClientCredentialFactory,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
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
  return new TeamsAdapter(options, credentials);
}
