import { describe, expect, it } from 'vitest';
import { entitySetOf, getPolicyType, POLICY_TYPES, policyTypeOf } from '../../../core/registry';

describe('policy-type registry', () => {
  it('covers every policy type issue 4 names, each with a unique key', () => {
    const keys = POLICY_TYPES.map((d) => d.key);

    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(
      expect.arrayContaining([
        'settingsCatalog',
        'deviceConfiguration',
        'compliancePolicy',
        'administrativeTemplate',
        'endpointSecurityIntent',
        'appProtectionIos',
        'appProtectionAndroid',
        'appConfiguration',
        'windowsUpdateRing',
        'windowsFeatureUpdate',
        'enrollmentConfiguration',
        'conditionalAccessPolicy',
        'namedLocation',
        'assignmentFilter',
        'scopeTag',
      ]),
    );
  });

  it('reads Intune on beta and serialises Conditional Access', () => {
    for (const def of POLICY_TYPES) {
      expect(def.path.startsWith('/')).toBe(true);
      expect(def.permission).not.toBe('');
      if (def.path.startsWith('/deviceManagement') || def.path.startsWith('/deviceAppManagement'))
        expect(def.api).toBe('beta');
    }
    expect(getPolicyType('conditionalAccessPolicy')?.serial).toBe(true);
    expect(getPolicyType('namedLocation')?.serial).toBe(true);
  });

  it('guards settings catalog reads against truncation with settingCount', () => {
    const def = getPolicyType('settingsCatalog');

    expect(def?.completeness).toEqual({ collection: 'settings', countProperty: 'settingCount' });
    expect(def?.followUps?.[0]?.path('abc')).toBe('/deviceManagement/configurationPolicies/abc/settings');
  });

  it.each([
    [{ '@odata.type': '#microsoft.graph.conditionalAccessPolicy' }, 'conditionalAccessPolicy'],
    [{ '@odata.type': 'microsoft.graph.countryNamedLocation' }, 'namedLocation'],
    [{ '@odata.type': '#microsoft.graph.windows10CustomConfiguration' }, 'deviceConfiguration'],
    [{ '@odata.type': '#microsoft.graph.windowsUpdateForBusinessConfiguration' }, 'windowsUpdateRing'],
    [{ '@odata.type': '#microsoft.graph.iosCompliancePolicy' }, 'compliancePolicy'],
    [
      {
        '@odata.context':
          'https://graph.microsoft.com/beta/$metadata#deviceManagement/configurationPolicies(assignments(),settings())/$entity',
      },
      'settingsCatalog',
    ],
    [
      {
        '@odata.context':
          'https://graph.microsoft.com/beta/$metadata#deviceManagement/deviceConfigurations/$entity',
        '@odata.type': '#microsoft.graph.someFutureConfiguration',
      },
      'deviceConfiguration',
    ],
    [
      {
        name: 'Portal export',
        platforms: 'windows10',
        settings: [{ settingInstance: { settingDefinitionId: 'x' } }],
      },
      'settingsCatalog',
    ],
  ])('identifies %j as %s', (raw, key) => {
    expect(policyTypeOf(raw)?.key).toBe(key);
  });

  it.each([[{}], [{ '@odata.type': '#microsoft.graph.user' }], [null], [[1, 2]], ['text']])(
    'returns undefined for an object it does not know: %j',
    (raw) => {
      expect(policyTypeOf(raw)).toBeUndefined();
    },
  );

  it('splits update rings from other device configurations on the shared endpoint', () => {
    const ring = { '@odata.type': '#microsoft.graph.windowsUpdateForBusinessConfiguration' };
    const custom = { '@odata.type': '#microsoft.graph.windows10CustomConfiguration' };

    expect(getPolicyType('windowsUpdateRing')?.listFilter?.(ring)).toBe(true);
    expect(getPolicyType('deviceConfiguration')?.listFilter?.(ring)).toBe(false);
    expect(getPolicyType('deviceConfiguration')?.listFilter?.(custom)).toBe(true);
  });

  it('reads the entity set out of an @odata.context', () => {
    expect(
      entitySetOf('https://graph.microsoft.com/beta/$metadata#identity/conditionalAccess/policies/$entity'),
    ).toBe('identity/conditionalAccess/policies');
    expect(
      entitySetOf(
        'https://x/beta/$metadata#deviceManagement/deviceConfigurations/microsoft.graph.sharedPCConfiguration/$entity',
      ),
    ).toBe('deviceManagement/deviceConfigurations');
    expect(entitySetOf('https://x/beta/$metadata#deviceManagement/deviceConfigurations')).toBe(
      'deviceManagement/deviceConfigurations',
    );
  });
});
