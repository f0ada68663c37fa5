import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SEVERITY_RULES,
  parseSeverityRules,
  severityOf,
  type SeverityRule,
} from '../../../core/drift';
import type { Change } from '../../../core/model';

const change = (path: string, baseline: unknown, current: unknown): Change => ({ path, baseline, current });

describe('severity table', () => {
  it.each<[string, string, Change, string]>([
    ['CA policy disabled', 'conditionalAccessPolicy', change('state', 'enabled', 'disabled'), 'critical'],
    [
      'CA report-only',
      'conditionalAccessPolicy',
      change('state', 'enabled', 'enabledForReportingButNotEnforced'),
      'critical',
    ],
    [
      'CA exclusion changed',
      'conditionalAccessPolicy',
      change('conditions.users.excludeGroups', [], ['g']),
      'high',
    ],
    [
      'BitLocker setting',
      'settingsCatalog',
      change(
        'settings[device_vendor_msft_bitlocker_requiredeviceencryption].choiceSettingValue.value',
        'a',
        'b',
      ),
      'high',
    ],
    [
      'Defender OMA setting',
      'deviceConfiguration',
      change('omaSettings[./Device/Vendor/MSFT/Policy/Config/Defender/AllowRealtimeMonitoring].value', 1, 0),
      'high',
    ],
    ['compliance encryption', 'compliancePolicy', change('storageRequireEncryption', true, false), 'high'],
    ['assignment removed', 'settingsCatalog', change('assignments[allDevices]', {}, null), 'high'],
    [
      'exclusion assignment added',
      'settingsCatalog',
      change('assignments[exclusionGroup:g]', null, {}),
      'high',
    ],
    ['assignment added', 'settingsCatalog', change('assignments[group:g]', null, {}), 'medium'],
    [
      'other setting',
      'settingsCatalog',
      change('settings[device_vendor_msft_policy_config_x].choiceSettingValue.value', 'a', 'b'),
      'medium',
    ],
    ['description', 'compliancePolicy', change('description', 'a', 'b'), 'low'],
    ['display name', 'conditionalAccessPolicy', change('displayName', 'a', 'b'), 'low'],
  ])('%s → the expected severity', (_name, type, c, expected) => {
    expect(severityOf(type, 'modified', [c], DEFAULT_SEVERITY_RULES)).toBe(expected);
  });

  it.each([
    ['conditionalAccessPolicy', 'missing', 'critical'],
    ['compliancePolicy', 'missing', 'critical'],
    ['settingsCatalog', 'missing', 'high'],
    ['settingsCatalog', 'added', 'medium'],
  ] as const)('a %s that is %s is %s', (type, kind, expected) => {
    expect(severityOf(type, kind, [], DEFAULT_SEVERITY_RULES)).toBe(expected);
  });

  it('takes the worst change of a modified object', () => {
    const changes = [change('description', 'a', 'b'), change('state', 'enabled', 'disabled')];

    expect(severityOf('conditionalAccessPolicy', 'modified', changes, DEFAULT_SEVERITY_RULES)).toBe(
      'critical',
    );
  });

  it('lets users put their own rows in front of the table', () => {
    const mine = parseSeverityRules({
      rules: [
        { policyType: 'settingsCatalog', path: 'settings[*onedrive*]', severity: 'critical', why: 'we care' },
      ],
    });
    const rules: SeverityRule[] = [...mine, ...DEFAULT_SEVERITY_RULES];

    expect(
      severityOf('settingsCatalog', 'modified', [change('settings[x_onedrive_y]', 'a', 'b')], rules),
    ).toBe('critical');
  });

  it('rejects a rule with a severity it does not know, naming the field', () => {
    expect(() => parseSeverityRules([{ policyType: '*', severity: 'urgent' }])).toThrow(/0\.severity/);
  });
});
