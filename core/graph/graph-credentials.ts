import { ClientCertificateCredential, ClientSecretCredential, type TokenCredential } from '@azure/identity';

/** The only importer of @azure/identity: one credential per customer tenant, each with its own token cache. */

export interface AppCredentials {
  clientId: string;
  clientSecret?: string;
  certificatePath?: string;
  authorityHost: string;
}

// Public and national clouds are known to Entra's instance discovery; any other host (the simulator)
// must skip it, or MSAL refuses the authority.
const KNOWN_AUTHORITIES =
  /(^|\.)(microsoftonline\.com|microsoftonline\.us|chinacloudapi\.cn|microsoftonline\.de)$/i;

export interface TokenSource {
  /** An access token for `scope` in `tenantId`; throws TokenError with a clear, secret-free message. */
  token(tenantId: string, scope: string, signal?: AbortSignal): Promise<string>;
  /** Forgets the tenant's cached token and gets a new one: Graph refused the cached one (401). */
  refresh(tenantId: string, scope: string, signal?: AbortSignal): Promise<string>;
}

export class TokenError extends Error {
  readonly code = 'graph.token' as const;
  constructor(
    readonly tenantId: string,
    message: string,
    readonly aadsts?: string,
  ) {
    super(message);
    this.name = 'TokenError';
  }
}

const EXPLANATIONS: Record<string, string> = {
  '7000215': 'the client secret is wrong (use the secret value, not its id) or has expired',
  '7000222': 'the client secret has expired: create a new one',
  '700016': 'the app is not known in this tenant: an administrator of the tenant must consent to it',
  '7000229':
    'the app has no service principal in this tenant: an administrator of the tenant must consent to it',
  '65001': 'admin consent for the app is missing in this tenant',
  '90002': 'the tenant does not exist (check the tenant id and the cloud)',
  '900023': 'the tenant id is not a valid tenant',
  '700027': 'the certificate is not registered on the app (or its key does not match)',
  '700024': 'the client assertion is not within its valid time range (check the clock)',
  '1003031': 'the app is misconfigured for this tenant',
};

function describe(tenantId: string, clientId: string, err: unknown, secret?: string): TokenError {
  const raw = err instanceof Error ? err.message : String(err);
  const code = /AADSTS(\d+)/.exec(raw)?.[1];
  let message: string;
  if (code) {
    message = `AADSTS${code}: ${EXPLANATIONS[code] ?? firstSentence(raw.slice(raw.indexOf(`AADSTS${code}`) + 7 + code.length))}`;
  } else if (/endpoints_resolution_error|openid|authority/i.test(raw)) {
    message =
      'the authority could not resolve this tenant (unknown tenant id, or GRAPH_AUTHORITY_HOST unreachable)';
  } else if (/ENOTFOUND|ECONNREFUSED|ETIMEDOUT|certificate|self.signed|fetch failed/i.test(raw)) {
    message = `the authority is unreachable: ${firstSentence(raw)}`;
  } else {
    message = firstSentence(raw);
  }
  const text = `Cannot get a Graph token for tenant ${tenantId} as app ${clientId}: ${message}`;
  // Belt and braces: an error text that quotes the secret never leaves this function.
  return new TokenError(tenantId, secret ? text.split(secret).join('[redacted]') : text, code);
}

function firstSentence(text: string): string {
  const trimmed = text.replace(/\s*Trace ID:[\s\S]*$/, '').trim();
  const line = trimmed.split(/\r?\n/)[0] ?? trimmed;
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/** Credentials of the multi-tenant app, cached per tenant (tokens are cached inside each credential). */
export function createTokenSource(app: AppCredentials): TokenSource {
  const credentials = new Map<string, TokenCredential>();
  const options = {
    authorityHost: app.authorityHost,
    disableInstanceDiscovery: !KNOWN_AUTHORITIES.test(new URL(app.authorityHost).hostname),
  };
  const credentialFor = (tenantId: string): TokenCredential => {
    let credential = credentials.get(tenantId);
    if (!credential) {
      credential = app.certificatePath
        ? new ClientCertificateCredential(
            tenantId,
            app.clientId,
            { certificatePath: app.certificatePath },
            options,
          )
        : new ClientSecretCredential(tenantId, app.clientId, app.clientSecret ?? '', options);
      credentials.set(tenantId, credential);
    }
    return credential;
  };
  const token = async (tenantId: string, scope: string, signal?: AbortSignal): Promise<string> => {
    try {
      const issued = await credentialFor(tenantId).getToken(scope, { abortSignal: signal });
      if (!issued) throw new Error('the credential returned no token');
      return issued.token;
    } catch (err) {
      if (signal?.aborted) throw err;
      throw describe(tenantId, app.clientId, err, app.clientSecret);
    }
  };
  return {
    token,
    // The token cache lives inside the credential: a new credential is the supported way to bypass it.
    refresh(tenantId, scope, signal) {
      credentials.delete(tenantId);
      return token(tenantId, scope, signal);
    },
  };
}
