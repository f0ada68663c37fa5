import { randomBytes, randomUUID, X509Certificate, createHash } from 'node:crypto';
import { compactVerify, importX509, decodeProtectedHeader } from 'jose';

/** An app registration the simulated Entra ID knows: one secret and/or one certificate. */
export interface SimulatedApp {
  clientId: string;
  clientSecret?: string;
  certificatePem?: string;
}

export interface IssuedToken {
  tenantId: string;
  clientId: string;
  expiresAt: number;
}

export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** Entra's error body: `error`, `error_description` starting with the AADSTS code, `error_codes`, ids. */
function aadError(status: number, error: string, code: number, text: string, now: Date): TokenAnswer {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = now
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${text} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}

export function tenantNotFound(tenantId: string, now: Date): TokenAnswer {
  return aadError(
    400,
    'invalid_tenant',
    90002,
    `Tenant '${tenantId}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    now,
  );
}

/** Client-credentials token endpoint: checks the secret or the certificate assertion, issues opaque tokens. */
export class TokenService {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly apps: SimulatedApp[],
    private readonly tokenLifetimeSeconds = 3599,
  ) {}

  lookup(token: string, now: Date): IssuedToken | undefined {
    const issued = this.tokens.get(token);
    return issued && issued.expiresAt > now.getTime() ? issued : undefined;
  }

  async issue(
    tenantId: string,
    form: URLSearchParams,
    now: Date,
    opts: { consentMissing: boolean; audience: string },
  ): Promise<TokenAnswer> {
    if (form.get('grant_type') !== 'client_credentials') {
      return aadError(
        400,
        'unsupported_grant_type',
        70003,
        'The app requested an unsupported grant type.',
        now,
      );
    }
    const clientId = form.get('client_id') ?? '';
    const app = this.apps.find((a) => a.clientId.toLowerCase() === clientId.toLowerCase());
    if (!app) {
      return aadError(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
        now,
      );
    }
    const secret = form.get('client_secret');
    const assertion = form.get('client_assertion');
    if (secret !== null) {
      if (!app.clientSecret || secret !== app.clientSecret) {
        return aadError(
          401,
          'invalid_client',
          7000215,
          `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`,
          now,
        );
      }
    } else if (assertion !== null) {
      if (!(await this.assertionValid(app, assertion, opts.audience))) {
        return aadError(
          401,
          'invalid_client',
          700027,
          'The certificate with identifier used to sign the client assertion is not registered on application.',
          now,
        );
      }
    } else {
      return aadError(
        401,
        'invalid_client',
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
        now,
      );
    }
    if (opts.consentMissing) {
      return aadError(
        400,
        'invalid_client',
        7000229,
        `The client application ${app.clientId} is missing service principal in the tenant ${tenantId}.`,
        now,
      );
    }
    const token = `sim.${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, {
      tenantId: tenantId.toLowerCase(),
      clientId: app.clientId,
      expiresAt: now.getTime() + this.tokenLifetimeSeconds * 1000,
    });
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        expires_in: this.tokenLifetimeSeconds,
        ext_expires_in: this.tokenLifetimeSeconds,
        access_token: token,
      },
    };
  }

  // The assertion must be signed by the registered certificate's key; thumbprint headers must match it.
  private async assertionValid(app: SimulatedApp, assertion: string, audience: string): Promise<boolean> {
    if (!app.certificatePem) return false;
    try {
      const header = decodeProtectedHeader(assertion);
      const der = new X509Certificate(app.certificatePem).raw;
      const sha1 = createHash('sha1').update(der).digest('base64url');
      const sha256 = createHash('sha256').update(der).digest('base64url');
      if (header.x5t !== undefined && header.x5t !== sha1) return false;
      if (header['x5t#S256'] !== undefined && header['x5t#S256'] !== sha256) return false;
      const alg = typeof header.alg === 'string' ? header.alg : 'RS256';
      const key = await importX509(app.certificatePem, alg);
      const { payload } = await compactVerify(assertion, key);
      const claims = JSON.parse(new TextDecoder().decode(payload)) as { aud?: string; sub?: string };
      return claims.sub === app.clientId && (claims.aud === undefined || claims.aud.startsWith(audience));
    } catch {
      return false;
    }
  }
}
