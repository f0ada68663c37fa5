import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock, type Clock } from '../../core/clock';
import type { PolicyTypeDefinition } from '../../core/registry/policy-type';
import { POLICY_TYPES } from '../../core/registry';
import { createCertificateAuthority, issueServerCertificate, type CertificateAuthority } from './ca';
import { INTUNE_RATE, TenantLimiter, type TenantFaults } from './faults';
import { GraphService, graphError, type GraphAnswer } from './graph-service';
import { TenantData, loadTenantFolders, type GraphObject } from './tenant-data';
import { TokenService, tenantNotFound, type SimulatedApp } from './token-service';
import { handleControl, type GraphSimulatorControl } from './control';
import { AUDIT_EVENTS_PATH, DEMO_ADMIN, SimAuditLog, serveAuditEvents, type SimActor } from './audit-log';

export interface GraphSimulatorOptions {
  /** 0 (default) picks a free port. Always bound to 127.0.0.1. */
  port?: number;
  /** Folder of tenant folders (`<tenantId>/<policyType>/<id>.json`). */
  tenantsDir?: string;
  /** The CA that signs the server certificate; a fresh one when omitted. */
  ca?: CertificateAuthority;
  /** Where the CA certificate is written; a temp folder when omitted. */
  caFile?: string;
  /** App registrations the token endpoint accepts; default: one app with a secret (see DEFAULT_APP). */
  apps?: SimulatedApp[];
  policyTypes?: readonly PolicyTypeDefinition[];
  /** Page size per policy type key (lists) or `key:property` (follow-ups), `auditEvents` for the audit log; default 100, 25 for the settings catalog. */
  pageSizes?: Record<string, number>;
  defaultPageSize?: number;
  /** Faults applied to every tenant unless set per tenant; default: the Intune rate limit only. */
  defaultFaults?: TenantFaults;
  /** Time for the rate windows and tokens; tests share a fixed clock with the reader's sleep. */
  clock?: Clock;
}

export interface GraphSimulator {
  baseUrl: string;
  authorityHost: string;
  caFile: string;
  caPem: string;
  apps: SimulatedApp[];
  control: GraphSimulatorControl;
  close(): Promise<void>;
}

/** The app the simulator accepts when none is configured (also what `driftwatch sim graph` prints). */
export const DEFAULT_APP: Required<Pick<SimulatedApp, 'clientId' | 'clientSecret'>> = {
  clientId: '0d1f5e9c-3a7b-4c2d-9e8f-1a2b3c4d5e6f',
  clientSecret: 'simulated-client-secret',
};

// Settings catalog lists and their settings page at 25 (graph-reading.md §2.1).
const DEFAULT_PAGE_SIZES: Record<string, number> = { settingsCatalog: 25, 'settingsCatalog:settings': 25 };

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, answer: GraphAnswer): void {
  const body = answer.body === undefined ? '' : JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'content-type': 'application/json; odata.metadata=minimal',
    'request-id': crypto.randomUUID(),
    ...answer.headers,
  });
  res.end(body);
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the HTTPS Graph + Entra token simulator on loopback. */
export async function startGraphSimulator(opts: GraphSimulatorOptions = {}): Promise<GraphSimulator> {
  const clock = opts.clock ?? systemClock;
  const ca = opts.ca ?? createCertificateAuthority();
  const serverCert = issueServerCertificate(ca);
  const caFile = opts.caFile ?? join(await mkdtemp(join(tmpdir(), 'driftwatch-graph-sim-')), 'ca.pem');
  await writeFile(caFile, ca.certPem);
  const data = opts.tenantsDir ? await loadTenantFolders(opts.tenantsDir) : new TenantData();
  const apps = opts.apps ?? [DEFAULT_APP];
  const tokens = new TokenService(apps);
  const faults = new Map<string, TenantFaults>();
  const limiters = new Map<string, TenantLimiter>();
  const defaultFaults: TenantFaults = opts.defaultFaults ?? { rate: { ...INTUNE_RATE } };
  const faultsOf = (tenantId: string) => faults.get(tenantId.toLowerCase()) ?? defaultFaults;
  const limiterOf = (tenantId: string) => {
    let limiter = limiters.get(tenantId.toLowerCase());
    if (!limiter) limiters.set(tenantId.toLowerCase(), (limiter = new TenantLimiter(clock)));
    return limiter;
  };
  const pageSizes = { ...DEFAULT_PAGE_SIZES, ...opts.pageSizes };
  const defaultPageSize = opts.defaultPageSize ?? 100;

  let origin = '';
  const types = opts.policyTypes ?? POLICY_TYPES;
  const graph = new GraphService(
    types,
    data,
    () => origin,
    (key, collection) => pageSizes[collection === 'list' ? key : `${key}:${collection}`] ?? defaultPageSize,
  );

  const audit = new SimAuditLog();
  const collectionOf = (policyType: string) => types.find((t) => t.key === policyType)?.path ?? policyType;
  // Intune logs its own objects only; Conditional Access changes go to Entra's directoryAudits.
  const auditedIn = (policyType: string) => /^\/device(App)?Management\//.test(collectionOf(policyType));
  const nameOf = (object: GraphObject | undefined) =>
    typeof object?.displayName === 'string' ? object.displayName : undefined;
  const control: GraphSimulatorControl = {
    tenantIds: () => data.tenantIds(),
    addTenant: (tenantId) => data.addTenant(tenantId),
    objects: (tenantId, policyType) => data.objects(tenantId, policyType),
    upsertObject: (tenantId, policyType, object: GraphObject, actor: SimActor = DEMO_ADMIN) => {
      const existed = data.find(tenantId, policyType, String(object.id)) !== undefined;
      data.upsert(tenantId, policyType, object);
      if (!auditedIn(policyType)) return;
      const operation = existed ? 'Patch' : 'Create';
      const change = { operation, collectionPath: collectionOf(policyType), id: String(object.id) } as const;
      audit.record(tenantId, { ...change, displayName: nameOf(object) }, actor, clock.now());
    },
    deleteObject: (tenantId, policyType, id, actor: SimActor = DEMO_ADMIN) => {
      const displayName = nameOf(data.find(tenantId, policyType, id));
      const removed = data.remove(tenantId, policyType, id);
      if (removed && auditedIn(policyType)) {
        const change = { operation: 'Delete', collectionPath: collectionOf(policyType), id } as const;
        audit.record(tenantId, { ...change, displayName }, actor, clock.now());
      }
      return removed;
    },
    setFaults: (tenantId, f) => void faults.set(tenantId.toLowerCase(), structuredClone(f)),
    clearFaults: (tenantId) => void faults.delete(tenantId.toLowerCase()),
    stats: (tenantId) => {
      const l = limiterOf(tenantId);
      return { requests: l.total, throttled: l.throttled };
    },
  };

  /** Runs one admitted-or-refused Graph GET: the unit a `$batch` sub-request also goes through. */
  const admitAndGet = (tenantId: string, version: string, url: URL): GraphAnswer => {
    const f = faultsOf(tenantId);
    const verdict = limiterOf(tenantId).admit(f);
    if (verdict.kind === 'throttled') {
      return graphError(429, 'TooManyRequests', 'Too many requests.', {
        'Retry-After': String(verdict.retryAfterSeconds),
      });
    }
    if (verdict.kind === 'fail') {
      const headers = verdict.retryAfterSeconds
        ? { 'Retry-After': String(verdict.retryAfterSeconds) }
        : undefined;
      return graphError(
        verdict.status,
        verdict.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable',
        'Injected failure.',
        headers,
      );
    }
    const ctx = { tenantId, version, path: url.pathname, query: url.searchParams, faults: f };
    if (url.pathname === AUDIT_EVENTS_PATH)
      return serveAuditEvents(ctx, audit, pageSizes.auditEvents ?? defaultPageSize, origin);
    return graph.get(ctx);
  };

  const handleGraph = async (req: IncomingMessage, url: URL, version: string): Promise<GraphAnswer> => {
    const auth = req.headers.authorization ?? '';
    const issued = tokens.lookup(auth.replace(/^Bearer\s+/i, ''), clock.now());
    if (!issued) {
      return graphError(
        401,
        'InvalidAuthenticationToken',
        auth ? 'Access token validation failure. Invalid audience.' : 'Access token is empty.',
      );
    }
    const f = faultsOf(issued.tenantId);
    if (f.latencyMs) await delay(f.latencyMs);
    const rest = url.pathname.slice(version.length + 1);
    if (rest === '/$batch' && req.method === 'POST')
      return batch(issued.tenantId, version, await readBody(req));
    if (req.method !== 'GET')
      return graphError(405, 'MethodNotAllowed', 'The simulator is read-only: only GET and $batch.');
    return admitAndGet(issued.tenantId, version, new URL(`${origin}${rest}${url.search}`));
  };

  const batch = (tenantId: string, version: string, raw: string): GraphAnswer => {
    let parsed: { requests?: { id?: string; method?: string; url?: string }[] };
    try {
      parsed = JSON.parse(raw) as typeof parsed;
    } catch {
      return graphError(400, 'BadRequest', 'Invalid batch payload format.');
    }
    const requests = parsed.requests ?? [];
    if (requests.length === 0 || requests.length > 20) {
      return graphError(400, 'BadRequest', 'Invalid batch payload format: a batch holds 1 to 20 requests.');
    }
    const ids = new Set(requests.map((r) => r.id));
    if (ids.size !== requests.length)
      return graphError(400, 'BadRequest', 'Batch request ids must be unique.');
    const responses = requests.map((r) => {
      const sub =
        r.method?.toUpperCase() === 'GET' && r.url
          ? admitAndGet(tenantId, version, new URL(`${origin}${r.url.startsWith('/') ? r.url : `/${r.url}`}`))
          : graphError(400, 'BadRequest', 'The simulator batches GET requests only.');
      return {
        id: r.id,
        status: sub.status,
        headers: { 'content-type': 'application/json', ...sub.headers },
        body: sub.body,
      };
    });
    // Graph answers in any order; reversing keeps readers honest about matching by id.
    return { status: 200, body: { responses: responses.reverse() } };
  };

  const handleAuthority = async (req: IncomingMessage, url: URL): Promise<GraphAnswer | undefined> => {
    const m = /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token)$/.exec(
      url.pathname,
    );
    if (!m) return undefined;
    const tenantId = decodeURIComponent(m[1] ?? '');
    if (!data.hasTenant(tenantId)) return { ...tenantNotFound(tenantId, clock.now()) };
    if (m[2]?.startsWith('v2.0')) {
      return {
        status: 200,
        body: {
          issuer: `${origin}/${tenantId}/v2.0`,
          authorization_endpoint: `${origin}/${tenantId}/oauth2/v2.0/authorize`,
          token_endpoint: `${origin}/${tenantId}/oauth2/v2.0/token`,
          jwks_uri: `${origin}/${tenantId}/discovery/v2.0/keys`,
          response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
          subject_types_supported: ['pairwise'],
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: [
            'client_secret_post',
            'private_key_jwt',
            'client_secret_basic',
          ],
          tenant_region_scope: 'EU',
          cloud_instance_name: 'microsoftonline.com',
        },
      };
    }
    if (req.method !== 'POST') return graphError(405, 'MethodNotAllowed', 'POST the token request.');
    return tokens.issue(tenantId, new URLSearchParams(await readBody(req)), clock.now(), {
      consentMissing: faultsOf(tenantId).consentMissing === true,
      audience: origin,
    });
  };

  const server: Server = createServer({ key: serverCert.keyPem, cert: serverCert.certPem }, (req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const route = async (): Promise<GraphAnswer> => {
      if (url.pathname.startsWith('/_control'))
        return handleControl(control, req.method ?? 'GET', url, await readBody(req));
      const version = /^\/(beta|v1\.0)(\/|$)/.exec(url.pathname)?.[1];
      if (version) return handleGraph(req, url, version);
      return (await handleAuthority(req, url)) ?? graphError(404, 'NotFound', `No route for ${url.pathname}`);
    };
    route().then(
      (answer) => send(res, answer),
      (err: unknown) =>
        send(res, graphError(500, 'InternalServerError', err instanceof Error ? err.message : String(err))),
    );
  });
  // Longer than clients' idle keep-alive, so the client, not the server, closes idle sockets.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  origin = `https://127.0.0.1:${port}`;

  return {
    baseUrl: origin,
    authorityHost: origin,
    caFile,
    caPem: ca.certPem,
    apps,
    control,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
