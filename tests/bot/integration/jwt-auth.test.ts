import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { MicrosoftAppCredentials, ServiceClientCredentialsFactory } from 'botframework-connector';
import { useTestDatabase } from '../../support/mongo';
import { startConnectorCapture, type ConnectorCapture } from '../../../sim/teams/connector-capture';
import { CONTOSO_CHANNEL, ENGINEER, message, post, startBot, type RunningBot } from '../support/bot-harness';

const APP_ID = 'test-app';
const ISSUER = 'https://api.botframework.com';

/** Outbound calls need no token service in this test (teams-platform §6.3 step 4). */
class TestCredentials extends ServiceClientCredentialsFactory {
  async isValidAppId(appId: string) {
    return appId === APP_ID;
  }
  async isAuthenticationDisabled() {
    return false;
  }
  async createCredentials() {
    return MicrosoftAppCredentials.Empty;
  }
}

const database = useTestDatabase();
let openId: Server;
let capture: ConnectorCapture;
let running: RunningBot;
let privateKey: CryptoKey;

beforeAll(async () => {
  const keys = await generateKeyPair('RS256');
  privateKey = keys.privateKey;
  const jwk = {
    ...(await exportJWK(keys.publicKey)),
    kid: 'k1',
    use: 'sig',
    alg: 'RS256',
    endorsements: ['msteams'],
  };
  openId = createServer((req, res) => {
    const base = `http://127.0.0.1:${(openId.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify(req.url === '/keys' ? { keys: [jwk] } : { issuer: ISSUER, jwks_uri: `${base}/keys` }),
    );
  });
  await new Promise<void>((r) => openId.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(openId.address() as AddressInfo).port}`;
  capture = await startConnectorCapture();
  running = await startBot(database.db, {
    auth: {
      mode: 'on',
      appId: APP_ID,
      tenantId: '33333333-3333-4333-8333-333333333333',
      appType: 'SingleTenant',
      endpoints: {
        openIdMetadataUrl: `${base}/openid`,
        tokenIssuer: ISSUER,
        oauthScope: ISSUER,
        loginUrl: 'https://login.microsoftonline.com/botframework.com',
      },
      credentialsFactory: new TestCredentials(),
    },
  });
});
afterAll(async () => {
  await running.close();
  await capture.close();
  await new Promise((r) => openId.close(r));
});

async function token(claims: { aud?: string; iss?: string; serviceurl?: string }) {
  return new SignJWT({ serviceurl: claims.serviceurl ?? capture.serviceUrl })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(claims.iss ?? ISSUER)
    .setAudience(claims.aud ?? APP_ID)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);
}

describe('inbound authentication with BOT_ID set', () => {
  it('accepts a token signed by the channel key for this app', async () => {
    const res = await post(running.url, message(capture.serviceUrl, CONTOSO_CHANNEL, ENGINEER, 'help'), {
      authorization: `Bearer ${await token({})}`,
    });
    expect(res.status).toBe(200);
  });

  it.each([
    ['a wrong audience', { aud: 'other' }],
    ['a wrong issuer', { iss: 'https://evil.example' }],
  ])('refuses %s with 401', async (_what, claims) => {
    const res = await post(running.url, message(capture.serviceUrl, CONTOSO_CHANNEL, ENGINEER, 'help'), {
      authorization: `Bearer ${await token(claims)}`,
    });
    expect(res.status).toBe(401);
  });

  it('refuses a request without a token with 401', async () => {
    const res = await post(running.url, message(capture.serviceUrl, CONTOSO_CHANNEL, ENGINEER, 'help'));
    expect(res.status).toBe(401);
    expect(res.text).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});
