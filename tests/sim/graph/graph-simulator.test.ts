import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { fixedClock } from '../../../core/clock';
import { startGraphSimulator, DEFAULT_APP, type GraphSimulator } from '../../../sim/graph/server';
import { TENANTS_DIR, TENANT_A, TENANT_B } from '../../core/graph/graph-fixture';

const clock = fixedClock('2025-06-02T08:00:00Z');
let sim: GraphSimulator;
let token: string;

async function tokenFor(tenantId: string, secret: string = DEFAULT_APP.clientSecret) {
  return fetch(`${sim.authorityHost}/${tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: DEFAULT_APP.clientId,
      client_secret: secret,
      scope: `${sim.baseUrl}/.default`,
    }),
  });
}

async function graph(path: string, init: RequestInit = {}) {
  const res = await fetch(path.startsWith('https://') ? path : `${sim.baseUrl}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  sim = await startGraphSimulator({ ca: inject('graphSimCa'), tenantsDir: TENANTS_DIR, clock });
  token = ((await (await tokenFor(TENANT_A)).json()) as { access_token: string }).access_token;
});
afterAll(() => sim.close());

describe('the Graph simulator', () => {
  it('serves the OpenID configuration whose token endpoint points back at itself', async () => {
    const res = await fetch(`${sim.authorityHost}/${TENANT_A}/v2.0/.well-known/openid-configuration`);

    expect(res.status).toBe(200);
    expect(((await res.json()) as { token_endpoint: string }).token_endpoint).toBe(
      `${sim.authorityHost}/${TENANT_A}/oauth2/v2.0/token`,
    );
  });

  it('answers a wrong client secret with Entra error shape (AADSTS7000215)', async () => {
    const res = await tokenFor(TENANT_A, 'nope');

    expect(res.status).toBe(401);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
    expect(body.error_description).toMatch(
      /^AADSTS7000215: Invalid client secret provided\..*Trace ID: .*Correlation ID: /,
    );
  });

  it('refuses Graph calls without a token', async () => {
    const res = await fetch(`${sim.baseUrl}/beta/deviceManagement/configurationPolicies`);

    expect(res.status).toBe(401);
  });

  it('pages the settings catalog at 25 with absolute nextLinks, and hides settings unless expanded', async () => {
    const first = await graph('/beta/deviceManagement/configurationPolicies?$expand=assignments');
    const second = await graph(String(first.body['@odata.nextLink']));

    expect(first.body.value).toHaveLength(25);
    expect(String(first.body['@odata.nextLink'])).toMatch(
      /^https:\/\/127\.0\.0\.1:\d+\/beta\/deviceManagement\/configurationPolicies\?/,
    );
    expect(second.body.value).toHaveLength(6);
    expect(second.body['@odata.nextLink']).toBeUndefined();
    const item = (first.body.value as Record<string, unknown>[])[0];
    expect(item).toHaveProperty('assignments');
    expect(item).not.toHaveProperty('settings');
  });

  it('applies $select', async () => {
    const res = await graph('/beta/deviceManagement/deviceCompliancePolicies?$select=displayName');

    for (const item of res.body.value as Record<string, unknown>[]) {
      expect(
        Object.keys(item)
          .filter((k) => !k.startsWith('@odata.'))
          .sort(),
      ).toEqual(['displayName', 'id']);
    }
  });

  it('answers $batch with a status per sub-request, matched by id', async () => {
    const res = await graph('/beta/$batch', {
      method: 'POST',
      body: JSON.stringify({
        requests: [
          { id: 'a', method: 'GET', url: '/deviceManagement/deviceCompliancePolicies' },
          { id: 'b', method: 'GET', url: '/deviceManagement/configurationPolicies/does-not-exist/settings' },
        ],
      }),
    });

    const byId = new Map(
      (res.body.responses as { id: string; status: number }[]).map((r) => [r.id, r.status]),
    );
    expect(res.status).toBe(200);
    expect(byId.get('a')).toBe(200);
    expect(byId.get('b')).toBe(400);
  });

  it.each([
    [
      'more than 20 requests',
      Array.from({ length: 21 }, (_, i) => ({
        id: String(i),
        method: 'GET',
        url: '/deviceManagement/intents',
      })),
    ],
    [
      'duplicate ids',
      [
        { id: '1', method: 'GET', url: '/x' },
        { id: '1', method: 'GET', url: '/y' },
      ],
    ],
  ])('rejects a $batch with %s', async (_name, requests) => {
    const res = await graph('/beta/$batch', { method: 'POST', body: JSON.stringify({ requests }) });

    expect(res.status).toBe(400);
  });

  it('answers 429 with Retry-After over the configured rate, inside $batch too, until the window passes', async () => {
    sim.control.setFaults(TENANT_A, { rate: { requests: 2, windowMs: 20_000 } });
    clock.advance(60_000);

    const statuses = [];
    for (let i = 0; i < 2; i += 1) statuses.push((await graph('/beta/deviceManagement/intents')).status);
    const throttled = await graph('/beta/deviceManagement/intents');
    const batch = await graph('/beta/$batch', {
      method: 'POST',
      body: JSON.stringify({ requests: [{ id: '1', method: 'GET', url: '/deviceManagement/intents' }] }),
    });
    clock.advance(20_000);
    const after = await graph('/beta/deviceManagement/intents');
    sim.control.clearFaults(TENANT_A);

    expect(statuses).toEqual([200, 200]);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('20');
    expect((batch.body.responses as { status: number; headers: Record<string, string> }[])[0]).toMatchObject({
      status: 429,
      headers: { 'Retry-After': '20' },
    });
    expect(after.status).toBe(200);
  });

  it('changes, adds and deletes objects and sets faults through the HTTP control API', async () => {
    const control = (path: string, method: string, body?: unknown) =>
      fetch(`${sim.baseUrl}/_control/tenants/${TENANT_B}${path}`, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    await control('/objects/compliancePolicy', 'PUT', { id: 'c-1', displayName: 'Added over HTTP' });
    const listed = await fetch(`${sim.baseUrl}/_control/tenants/${TENANT_B}/objects/compliancePolicy`).then(
      (r) => r.json(),
    );
    const deleted = await control('/objects/compliancePolicy/c-1', 'DELETE');
    const faults = await control('/faults', 'PUT', { forbidden: ['settingsCatalog'] });
    const bad = await control('/faults', 'PUT', { forbidden: 'settingsCatalog' });
    const stats = await fetch(`${sim.baseUrl}/_control/tenants/${TENANT_B}/stats`).then((r) => r.json());
    await control('/faults', 'DELETE');

    expect(listed).toEqual([{ id: 'c-1', displayName: 'Added over HTTP' }]);
    expect(deleted.status).toBe(200);
    expect(sim.control.objects(TENANT_B, 'compliancePolicy')).toEqual([]);
    expect(faults.status).toBe(200);
    expect(bad.status).toBe(400);
    expect(stats).toEqual({ requests: 0, throttled: 0 });
  });
});
