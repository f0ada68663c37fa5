import { describe, expect, it } from 'vitest';
import { auditEventsUrl, toAuditEvent } from '../../../core/graph/read-audit-events';
import { closingGraphWorlds, TENANT_A } from './graph-fixture';

const POLICY = '71742bcf-ae58-4371-8ff7-259012e6bc2d';
const ADELE = { userPrincipalName: 'adele.vance@contoso.com', app: 'Microsoft Intune portal extension' };

const graphWorld = closingGraphWorlds();

describe('reading Intune audit events', () => {
  it('reads every page of changes since the given moment, through the paced transport', async () => {
    const { sim, reader, clock } = await graphWorld({ pageSizes: { auditEvents: 2 } });
    const [policy] = sim.control.objects(TENANT_A, 'compliancePolicy').filter((o) => o.id === POLICY);
    sim.control.upsertObject(TENANT_A, 'compliancePolicy', { ...policy, id: POLICY, description: 'early' });
    clock.advance(60_000);
    const since = clock.now();
    for (const n of [1, 2, 3]) {
      clock.advance(60_000);
      sim.control.upsertObject(
        TENANT_A,
        'compliancePolicy',
        { ...policy, id: POLICY, description: `v${n}` },
        ADELE,
      );
    }
    sim.control.upsertObject(TENANT_A, 'compliancePolicy', { id: 'new-policy', displayName: 'New' });
    const before = sim.control.stats(TENANT_A).requests;

    const audit = await reader.readAuditEvents?.(TENANT_A, since);

    expect(audit?.status).toBe('complete');
    expect(audit?.events).toHaveLength(4);
    expect(audit?.events[0]).toEqual({
      resourceIds: [POLICY],
      by: 'adele.vance@contoso.com',
      via: 'Microsoft Intune portal extension',
      at: '2025-06-02T08:02:00.000Z',
      activity: 'Patch DeviceCompliancePolicy',
    });
    expect(audit?.events[3]).toMatchObject({
      resourceIds: ['new-policy'],
      activity: 'Create DeviceCompliancePolicy',
    });
    // Four events at two a page: two pages, each one counted request.
    expect(audit?.graphRequests).toBe(2);
    expect(sim.control.stats(TENANT_A).requests - before).toBe(2);
  });

  it('answers "unavailable" on a 403 instead of failing, naming the permission to grant', async () => {
    const { sim, reader, clock } = await graphWorld();
    sim.control.setFaults(TENANT_A, { forbidden: ['auditEvents'] });

    const audit = await reader.readAuditEvents?.(TENANT_A, clock.now());

    expect(audit).toMatchObject({ status: 'unavailable', events: [], graphRequests: 1 });
    expect(audit?.reason).toMatch(/DeviceManagementConfiguration\.Read\.All/);
  });

  it('records control-API changes as the actor named in the HTTP call, and no Conditional Access change', async () => {
    const { sim, reader, clock, config } = await graphWorld();
    const since = clock.now();
    const put = await fetch(
      `${config.baseUrl}/_control/tenants/${TENANT_A}/objects/deviceConfiguration?actor=megan%40contoso.com&app=Graph%20Explorer`,
      { method: 'PUT', body: JSON.stringify({ id: 'ABC-123', displayName: 'Wi-Fi' }) },
    );
    expect(put.status).toBe(200);
    sim.control.upsertObject(TENANT_A, 'conditionalAccessPolicy', { id: 'ca-1', displayName: 'CA' });

    const audit = await reader.readAuditEvents?.(TENANT_A, since);

    expect(audit?.events).toEqual([
      expect.objectContaining({ resourceIds: ['ABC-123'], by: 'megan@contoso.com', via: 'Graph Explorer' }),
    ]);
  });
});

describe('the audit event shape', () => {
  it('asks Graph for changes only, from the given moment', () => {
    const url = decodeURIComponent(auditEventsUrl(new Date('2025-12-01T00:00:00Z')));
    expect(url).toContain(
      "$filter=activityDateTime ge 2025-12-01T00:00:00.000Z and activityOperationType ne 'Get'",
    );
  });

  it('names an app-only change by its service principal, with no "via"', () => {
    expect(
      toAuditEvent({
        activityDateTime: '2025-12-01T10:00:00Z',
        actor: {
          userPrincipalName: null,
          servicePrincipalName: 'Autopilot sync',
          applicationDisplayName: 'Autopilot',
        },
        resources: [{ resourceId: 'x' }],
      }),
    ).toEqual({ resourceIds: ['x'], by: 'Autopilot sync', at: '2025-12-01T10:00:00Z' });
  });

  it('skips events that name no actor or no object', () => {
    expect(
      toAuditEvent({ activityDateTime: '2025-12-01T10:00:00Z', actor: {}, resources: [{ resourceId: 'x' }] }),
    ).toBeUndefined();
    expect(
      toAuditEvent({
        activityDateTime: '2025-12-01T10:00:00Z',
        actor: { userPrincipalName: 'a@b' },
        resources: [],
      }),
    ).toBeUndefined();
  });
});
