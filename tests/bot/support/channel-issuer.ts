import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { MicrosoftAppCredentials, ServiceClientCredentialsFactory } from 'botframework-connector';
import type { BotAuth } from '../../../bot/teams/bot-auth';

export const CHANNEL_ISSUER = 'https://api.botframework.com';

/** Outbound calls need no token service in these tests (teams-platform §6.3 step 4). */
class NoTokenCredentials extends ServiceClientCredentialsFactory {
  constructor(private readonly appId: string) {
    super();
  }
  async isValidAppId(appId: string) {
    return appId === this.appId;
  }
  async isAuthenticationDisabled() {
    return false;
  }
  async createCredentials() {
    return MicrosoftAppCredentials.Empty;
  }
}

export interface TokenClaims {
  serviceurl: string;
  aud?: string;
  iss?: string;
  /** Expiry in seconds since the epoch; default five minutes from now. */
  exp?: number;
}

export interface ChannelIssuer {
  /** Inbound auth on, trusting only this issuer's key (pass to startBot). */
  auth: BotAuth;
  /** A channel token for the app, signed by the published key unless `signer` says otherwise. */
  sign(claims: TokenClaims, signer?: CryptoKey): Promise<string>;
  close(): Promise<void>;
}

/**
 * A local stand-in for the Bot Framework's OpenID metadata and JWKS (teams-platform §6.3), so inbound
 * JWT validation runs the SDK's real code against a key the test holds.
 */
export async function startChannelIssuer(appId: string): Promise<ChannelIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = {
    ...(await exportJWK(publicKey)),
    kid: 'k1',
    use: 'sig',
    alg: 'RS256',
    endorsements: ['msteams'],
  };
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify(
        req.url === '/keys' ? { keys: [jwk] } : { issuer: CHANNEL_ISSUER, jwks_uri: `${base()}/keys` },
      ),
    );
  });
  const base = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    auth: {
      mode: 'on',
      appId,
      tenantId: '33333333-3333-4333-8333-333333333333',
      appType: 'SingleTenant',
      endpoints: {
        openIdMetadataUrl: `${base()}/openid`,
        tokenIssuer: CHANNEL_ISSUER,
        oauthScope: CHANNEL_ISSUER,
        loginUrl: 'https://login.microsoftonline.com/botframework.com',
      },
      credentialsFactory: new NoTokenCredentials(appId),
    },
    sign: (claims, signer = privateKey) =>
      new SignJWT({ serviceurl: claims.serviceurl })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(claims.iss ?? CHANNEL_ISSUER)
        .setAudience(claims.aud ?? appId)
        .setIssuedAt(claims.exp ? claims.exp - 600 : undefined)
        .setExpirationTime(claims.exp ?? '5m')
        .sign(signer),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
