import { afterAll, describe, expect, it } from 'vitest';
import { diffInventories, loadExport } from '../../../core/drift';
import type { Drift } from '../../../core/model';
import { copyExport, FIXTURES, removeCopies, writeJson, type Raw } from './export-copies';

const WINDOWS_HARDENING = 'ACSC Windows Hardening Guidelines.json';
const WINDOWS_COMPLIANCE = 'Baseline - Windows - Compliancs Device Health.json';
const CA000 = 'CA000-Global-IdentityProtection-AnyApp-AnyPlatform-MFA.json';
const GROUP = '6f1c2a3b-1111-4222-8333-444455556666';

type Setting = { settingInstance: Record<string, unknown> & { settingDefinitionId: string } };

/** Baseline = the real exports; current = the same with `change` applied to the files whose name contains `file`. */
async function diffWith(
  file: string,
  change: (raw: Raw) => Raw | undefined,
  baselineChange?: (raw: Raw) => Raw,
) {
  const baselineDir = baselineChange
    ? await copyExport((raw, f) => (f.endsWith(file) ? baselineChange(raw) : 'keep'))
    : FIXTURES;
  const currentDir = await copyExport((raw, f) => {
    if (!f.endsWith(file)) return 'keep';
    return change(baselineChange ? baselineChange(raw) : raw);
  });
  return diffInventories((await loadExport(baselineDir)).objects, (await loadExport(currentDir)).objects);
}

function only(drifts: Drift[]): Drift {
  expect(drifts).toHaveLength(1);
  return drifts[0] as Drift;
}

function settingsOf(raw: Raw): Setting[] {
  return raw['settings'] as Setting[];
}

afterAll(removeCopies);

describe('diff of the real exports against real changes', () => {
  it('names a changed nested setting by its settingDefinitionIds', async () => {
    let parent = '';
    let child = '';
    const result = await diffWith(WINDOWS_HARDENING, (raw) => {
      const copy = structuredClone(raw);
      const withChild = settingsOf(copy).find((s) => {
        const children = (s.settingInstance['choiceSettingValue'] as { children?: unknown[] } | undefined)
          ?.children;
        return Array.isArray(children) && children.some((c) => (c as Raw)['choiceSettingValue']);
      });
      const inst = withChild?.settingInstance as Raw;
      const nested = ((inst['choiceSettingValue'] as Raw)['children'] as Raw[]).find(
        (c) => c['choiceSettingValue'],
      );
      parent = String(inst['settingDefinitionId']);
      child = String(nested?.['settingDefinitionId']);
      (nested?.['choiceSettingValue'] as Raw)['value'] = `${child}_changed`;
      return copy;
    });

    const drift = only(result.drifts);
    expect(drift).toMatchObject({ kind: 'modified', policyType: 'settingsCatalog', severity: 'medium' });
    expect(drift.changes).toHaveLength(1);
    expect(drift.changes[0]?.path).toBe(
      `settings[${parent}].choiceSettingValue.children[${child}].choiceSettingValue.value`,
    );
    expect(drift.changes[0]?.current).toBe(`${child}_changed`);
    expect(result.unchanged).toBe(33);
  });

  it('reports a removed setting and an added one by settingDefinitionId', async () => {
    let removed = '';
    const added = 'device_vendor_msft_policy_config_driftwatch_added_setting';
    const result = await diffWith(WINDOWS_HARDENING, (raw) => {
      const copy = structuredClone(raw);
      const settings = settingsOf(copy);
      removed = settings[10]?.settingInstance.settingDefinitionId ?? '';
      settings.splice(10, 1);
      settings.push({
        settingInstance: {
          '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance',
          settingDefinitionId: added,
          choiceSettingValue: {
            '@odata.type': '#microsoft.graph.deviceManagementConfigurationChoiceSettingValue',
            value: `${added}_0`,
            children: [],
          },
        },
      });
      return copy;
    });

    const drift = only(result.drifts);
    expect(drift.changes.map((c) => c.path).sort()).toEqual(
      [`settings[${added}]`, `settings[${removed}]`].sort(),
    );
    expect(drift.changes.find((c) => c.path === `settings[${removed}]`)?.current).toBeNull();
    expect(drift.changes.find((c) => c.path === `settings[${added}]`)?.baseline).toBeNull();
  });

  it('reports an added assignment by its target', async () => {
    const result = await diffWith(WINDOWS_COMPLIANCE, (raw) => ({
      ...raw,
      assignments: [
        { id: 'x_1', target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: GROUP } },
      ],
    }));

    const drift = only(result.drifts);
    expect(drift.changes).toEqual([{ path: `assignments[group:${GROUP}]`, baseline: null, current: {} }]);
    expect(drift.severity).toBe('medium');
  });

  it('reports a narrowed assignment (all devices → one group) as high', async () => {
    const allDevices = (raw: Raw) => ({
      ...raw,
      assignments: [{ id: 'a', target: { '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget' } }],
    });
    const result = await diffWith(
      WINDOWS_COMPLIANCE,
      (raw) => ({
        ...raw,
        assignments: [
          {
            id: 'b',
            target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: GROUP.toUpperCase() },
          },
        ],
      }),
      allDevices,
    );

    const drift = only(result.drifts);
    expect(drift.changes).toEqual([
      { path: 'assignments[allDevices]', baseline: {}, current: null },
      { path: `assignments[group:${GROUP}]`, baseline: null, current: {} },
    ]);
    expect(drift.severity).toBe('high');
  });

  it('reports a changed non-compliance action by rule and action type', async () => {
    const result = await diffWith(WINDOWS_COMPLIANCE, (raw) => {
      const copy = structuredClone(raw);
      const rules = copy['scheduledActionsForRule'] as { scheduledActionConfigurations: Raw[] }[];
      (rules[0]?.scheduledActionConfigurations[0] as Raw)['gracePeriodHours'] = 72;
      return copy;
    });

    const drift = only(result.drifts);
    expect(drift).toMatchObject({ policyType: 'compliancePolicy', severity: 'high' });
    expect(drift.changes).toEqual([
      {
        path: 'scheduledActionsForRule[default].scheduledActionConfigurations[block].gracePeriodHours',
        baseline: 0,
        current: 72,
      },
    ]);
  });

  it('reports a disabled Conditional Access policy as critical', async () => {
    const result = await diffWith(CA000, (raw) => ({ ...raw, state: 'disabled' }));

    const drift = only(result.drifts);
    expect(drift).toMatchObject({
      kind: 'modified',
      policyType: 'conditionalAccessPolicy',
      severity: 'critical',
    });
    expect(drift.changes).toEqual([{ path: 'state', baseline: 'enabled', current: 'disabled' }]);
  });

  it('reports a deleted compliance policy as missing and critical', async () => {
    const result = await diffWith(WINDOWS_COMPLIANCE, () => undefined);

    expect(only(result.drifts)).toEqual({
      kind: 'missing',
      policyType: 'compliancePolicy',
      key: '8fc9c5f9-a19b-4168-aa57-11d81f3c3cff',
      displayName: 'Baseline - Windows - Compliancs Device Health',
      severity: 'critical',
      changes: [],
    });
    expect(result.unchanged).toBe(33);
  });

  it('reports a new policy as added', async () => {
    const currentDir = await copyExport();
    const ca001 = (await loadExport(FIXTURES)).objects.find((o) => o.displayName.startsWith('CA001'));
    await writeJson(currentDir, 'new/CA999.json', {
      '@odata.type': '#microsoft.graph.conditionalAccessPolicy',
      ...ca001?.body,
      id: '11111111-2222-4333-8444-555555555555',
      displayName: 'CA999-New',
    });

    const result = diffInventories(
      (await loadExport(FIXTURES)).objects,
      (await loadExport(currentDir)).objects,
    );

    expect(only(result.drifts)).toMatchObject({
      kind: 'added',
      policyType: 'conditionalAccessPolicy',
      key: '11111111-2222-4333-8444-555555555555',
      displayName: 'CA999-New',
      severity: 'medium',
      changes: [],
    });
    expect(result.unchanged).toBe(34);
  });

  it('draws no conclusion about a type whose read was incomplete', async () => {
    const baseline = await loadExport(FIXTURES);
    const current = baseline.objects.filter((o) => o.policyType !== 'conditionalAccessPolicy');

    const result = diffInventories(baseline.objects, current, {
      incompleteTypes: new Set(['conditionalAccessPolicy']),
    });

    expect(result).toEqual({ drifts: [], unchanged: 26 });
  });

  it('drops changes an ignore rule covers ("false positive"), for one object or the whole type', async () => {
    const current = await loadExport(
      await copyExport((raw, f) => (f.endsWith(CA000) ? { ...raw, state: 'disabled' } : 'keep')),
    );
    const baseline = await loadExport(FIXTURES);
    const key = '809741fe-fb1b-4746-9ff0-83a978a4c891';

    const forObject = diffInventories(baseline.objects, current.objects, {
      ignore: [{ policyType: 'conditionalAccessPolicy', key: key.toUpperCase(), paths: ['state'] }],
    });
    const forOtherObject = diffInventories(baseline.objects, current.objects, {
      ignore: [{ policyType: 'conditionalAccessPolicy', key: 'another', paths: ['state'] }],
    });
    const forType = diffInventories(baseline.objects, current.objects, {
      ignore: [{ policyType: 'conditionalAccessPolicy', paths: ['sta*'] }],
    });

    expect(forObject).toEqual({ drifts: [], unchanged: 34 });
    expect(forOtherObject.drifts).toHaveLength(1);
    expect(forType.drifts).toEqual([]);
  });
});
