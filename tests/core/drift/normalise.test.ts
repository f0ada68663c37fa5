import { describe, expect, it } from 'vitest';
import { decodeJson, diffObjects, normaliseObject, SECRET } from '../../../core/drift';
import { getPolicyType, type PolicyTypeDefinition } from '../../../core/registry';
import { encode } from './export-copies';

function def(key: string): PolicyTypeDefinition {
  const d = getPolicyType(key);
  if (!d) throw new Error(key);
  return d;
}

const secretSetting = (token: string | null) => ({
  '@odata.type': '#microsoft.graph.deviceManagementConfigurationPolicy',
  id: 'p1',
  name: 'Wi-Fi',
  platforms: 'windows10',
  technologies: 'mdm,microsoftSense',
  settings: [
    {
      id: '0',
      settingInstance: {
        '@odata.type': '#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance',
        settingDefinitionId: 'device_vendor_msft_wifi_psk',
        simpleSettingValue: {
          '@odata.type': '#microsoft.graph.deviceManagementConfigurationSecretSettingValue',
          value: token,
          valueState: token ? 'encryptedValueToken' : 'notEncrypted',
        },
      },
    },
  ],
});

const omaProfile = (value: string | null) => ({
  '@odata.type': '#microsoft.graph.windows10CustomConfiguration',
  id: 'o1',
  displayName: 'Custom',
  omaSettings: [
    {
      '@odata.type': '#microsoft.graph.omaSettingString',
      omaUri: './Device/Vendor/MSFT/Secret',
      displayName: 'secret',
      isEncrypted: true,
      secretReferenceValueId: `ref-${value}`,
      value,
    },
  ],
});

describe('normaliseObject', () => {
  it('compares settings catalog secrets by presence, not by their per-tenant token', () => {
    const a = normaliseObject(secretSetting('4f2c0d1e-token-a'), def('settingsCatalog'));
    const b = normaliseObject(secretSetting('9a8b7c6d-token-b'), def('settingsCatalog'));
    const gone = normaliseObject(secretSetting(null), def('settingsCatalog'));

    expect(a.hash).toBe(b.hash);
    expect(JSON.stringify(a.body)).not.toContain('token-a');
    expect(diffObjects(a, gone)?.changes.map((c) => c.path)).toEqual([
      'settings[device_vendor_msft_wifi_psk].simpleSettingValue.value',
    ]);
  });

  it('compares masked OMA-URI values by presence and ignores their secret reference', () => {
    const a = normaliseObject(omaProfile('****'), def('deviceConfiguration'));
    const b = normaliseObject(omaProfile('********'), def('deviceConfiguration'));

    expect(a.hash).toBe(b.hash);
    expect(a.body['omaSettings']).toEqual([
      {
        _key: './Device/Vendor/MSFT/Secret',
        '@odata.type': 'omaSettingString',
        displayName: 'secret',
        isEncrypted: true,
        value: SECRET,
      },
    ]);
  });

  it('canonicalises flag enums and durations', () => {
    const one = normaliseObject(
      { ...secretSetting('t'), technologies: 'microsoftSense, mdm' },
      def('settingsCatalog'),
    );
    const app = (period: string) =>
      normaliseObject(
        {
          '@odata.type': '#microsoft.graph.iosManagedAppProtection',
          id: 'T_1',
          displayName: 'iOS',
          periodOfflineBeforeAccessCheck: period,
          version: '"220221f9-0000"',
        },
        def('appProtectionIos'),
      );

    expect(one.body['technologies']).toBe('mdm,microsoftSense');
    expect(app('PT12H').hash).toBe(app('PT720M').hash);
    expect(app('PT12H').body['periodOfflineBeforeAccessCheck']).toBe(43200);
  });

  it('keys app protection apps by bundle or package id and drops their ids', () => {
    const policy = (apps: unknown[]) =>
      normaliseObject(
        { '@odata.type': '#microsoft.graph.androidManagedAppProtection', id: 'T_2', displayName: 'A', apps },
        def('appProtectionAndroid'),
      );
    const outlook = { id: 'x1', mobileAppIdentifier: { packageId: 'com.microsoft.office.outlook' } };
    const teams = { id: 'x2', mobileAppIdentifier: { packageId: 'com.microsoft.teams' } };

    expect(policy([outlook, teams]).hash).toBe(policy([{ ...teams, id: 'y' }, outlook]).hash);
    expect(diffObjects(policy([outlook, teams]), policy([outlook]))?.changes.map((c) => c.path)).toEqual([
      'apps[com.microsoft.teams]',
    ]);
  });

  it('keeps the Graph id as the key (lower case) and falls back to the name for exports without ids', () => {
    const withId = normaliseObject(
      { ...secretSetting('t'), id: 'ABCDEF01-2345-4678-9ABC-DEF012345678' },
      def('settingsCatalog'),
    );
    const { id: _id, ...noId } = secretSetting('t');

    expect(withId.key).toBe('abcdef01-2345-4678-9abc-def012345678');
    expect(normaliseObject(noId, def('settingsCatalog')).key).toBe('name:Wi-Fi');
  });
});

describe('decodeJson', () => {
  const value = { displayName: 'Zoë – ✓', n: 1 };

  it.each(['utf8', 'utf8-bom', 'utf16le-bom'] as const)('reads %s', (encoding) => {
    expect(decodeJson(encode(JSON.stringify(value, null, 2), encoding), 'x.json')).toEqual(value);
  });

  it('names the file that is not JSON', () => {
    expect(() => decodeJson(Buffer.from('{ nope'), 'tenant/policy.json')).toThrow(
      /tenant\/policy\.json: not valid JSON/,
    );
  });
});
