import { describe, expect, it } from 'vitest';
import { captureBaseline } from '../../../core/baselines/capture-baseline';
import { acceptIntoBaseline } from '../../../core/baselines/accept-into-baseline';
import { aChange, alice, anObject, TENANT } from '../../support/builders/drift';
import { aFinding } from '../../support/builders/finding';

const NOW = new Date('2025-06-10T09:00:00.000Z');
const mfa = anObject();
const legacy = anObject({ key: 'ca-block-legacy', displayName: 'Block legacy auth' });
const compliance = anObject({ policyType: 'deviceCompliancePolicy', key: 'win', displayName: 'Windows' });

describe('captureBaseline', () => {
  it('makes version 1 of a tenant’s desired state, objects sorted by type and key', () => {
    const baseline = captureBaseline(
      TENANT,
      [mfa, compliance, legacy],
      { kind: 'tenant', ref: TENANT },
      alice,
      NOW,
    );

    expect(baseline).toEqual({
      tenantId: TENANT,
      version: 1,
      source: { kind: 'tenant', ref: TENANT },
      objects: [legacy, mfa, compliance],
      createdAt: NOW.toISOString(),
      createdBy: alice,
      note: `captured from tenant ${TENANT}`,
    });
  });

  it('counts on from the previous version and records a golden source', () => {
    const baseline = captureBaseline(TENANT, [mfa], { kind: 'golden', ref: 'golden-tenant' }, null, NOW, {
      version: 4,
    });

    expect(baseline).toMatchObject({
      version: 5,
      source: { kind: 'golden', ref: 'golden-tenant' },
      createdBy: null,
    });
  });
});

describe('acceptIntoBaseline', () => {
  const v1 = captureBaseline(TENANT, [mfa, legacy], { kind: 'tenant', ref: TENANT }, null, NOW);

  it('takes the current object of a modified finding into the next version', () => {
    const observed = anObject({ body: { displayName: 'Require MFA for admins', state: 'disabled' } });

    const result = acceptIntoBaseline(v1, aFinding(), observed, alice, 'approved in CAB-42', NOW);

    expect(result).toEqual({
      ok: true,
      baseline: {
        ...v1,
        version: 2,
        objects: [legacy, observed],
        createdBy: alice,
        note: 'approved in CAB-42',
        acceptedFindingId: aFinding().id,
      },
    });
    expect(v1.objects).toEqual([legacy, mfa]);
  });

  it('adds the current object of an added finding', () => {
    const added = anObject({ key: 'ca-new', displayName: 'New policy' });

    const result = acceptIntoBaseline(
      v1,
      aFinding({ kind: 'added', key: 'ca-new' }),
      added,
      alice,
      'wanted',
      NOW,
    );

    expect(result.ok && result.baseline.objects.map((o) => o.key)).toEqual([
      'ca-block-legacy',
      'ca-new',
      'ca-require-mfa',
    ]);
  });

  it('drops the object of a missing finding', () => {
    const result = acceptIntoBaseline(
      v1,
      aFinding({ kind: 'missing', changes: [] }),
      undefined,
      alice,
      'retired',
      NOW,
    );

    expect(result.ok && result.baseline.objects).toEqual([legacy]);
  });

  it('matches a golden baseline’s object by display name, since its key belongs to another tenant', () => {
    const golden = captureBaseline(
      TENANT,
      [anObject({ key: 'golden-id' })],
      { kind: 'golden', ref: 'g' },
      null,
      NOW,
    );
    const observed = anObject({ key: 'tenant-id', body: { state: 'disabled' } });

    const result = acceptIntoBaseline(
      golden,
      aFinding({ key: 'tenant-id' }),
      observed,
      alice,
      'local variation',
      NOW,
    );

    expect(result.ok && result.baseline.objects).toEqual([observed]);
    expect(result.ok && result.baseline.source).toEqual({ kind: 'golden', ref: 'g' });
  });

  it('needs the current object for a modified or added finding', () => {
    const result = acceptIntoBaseline(v1, aFinding(), undefined, alice, 'approved', NOW);

    expect(result).toMatchObject({ ok: false, reason: 'current-object-required' });
    expect(result.ok === false && result.message).toContain('run a check of the tenant, then accept again');
  });

  it('refuses a finding whose object is no longer in the baseline', () => {
    const finding = aFinding({ key: 'gone', displayName: 'Gone', changes: [aChange()] });

    const result = acceptIntoBaseline(v1, { ...finding, displayName: 'Gone' }, mfa, alice, 'x', NOW);

    expect(result).toMatchObject({ ok: false, reason: 'not-in-baseline' });
  });
});
