import type { Coverage, Finding, HistoryEntry, Severity } from '../../../core/model';

/** Realistic findings for card tests and pictures: an MSP's customer tenant after a check. */
export const NOW = '2025-12-03T14:05:00.000Z';
export const CHECKED_AT = '2025-12-03T14:00:00.000Z';
export const CONTOSO = { id: '3f2a9c1e-6b7d-4e8f-9a0b-1c2d3e4f5a6b', name: 'Contoso Ltd' };
export const FABRIKAM = { id: '8d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6', name: 'Fabrikam Inc' };
export const MEGAN = { id: 'a1b2c3d4-0000-4000-8000-000000000001', name: 'Megan Bowen' };
export const ALEX = { id: 'a1b2c3d4-0000-4000-8000-000000000002', name: 'Alex Wilber' };

/** Who Intune's audit log says changed an object (a user through the Intune portal). */
export const ADELE_IN_PORTAL = {
  by: 'adele.vance@contoso.com',
  via: 'Microsoft Intune portal extension',
  at: '2025-12-03T13:41:00.000Z',
  activity: 'Patch DeviceConfiguration',
};

export const COVERAGE_COMPLETE: Coverage = {
  conditionalAccessPolicy: { status: 'complete', objects: 14 },
  compliancePolicy: { status: 'complete', objects: 9 },
  deviceConfiguration: { status: 'complete', objects: 23 },
  settingsCatalog: { status: 'complete', objects: 31 },
};

export const COVERAGE_PARTIAL: Coverage = {
  ...COVERAGE_COMPLETE,
  namedLocation: { status: 'failed', objects: 0, reason: '403 Forbidden: Policy.Read.All not granted' },
  enrollmentConfiguration: { status: 'failed', objects: 0, reason: 'throttled (429) after 5 retries' },
};

function history(...entries: HistoryEntry[]): HistoryEntry[] {
  return entries;
}

interface FindingSeed {
  id: string;
  displayName: string;
  policyType: string;
  severity: Severity;
  kind?: Finding['kind'];
  state?: Finding['state'];
  changes?: Finding['changes'];
  extra?: Partial<Finding>;
}

export function aFinding(seed: FindingSeed): Finding {
  return {
    id: seed.id,
    tenantId: CONTOSO.id,
    policyType: seed.policyType,
    key: `key-${seed.id}`,
    displayName: seed.displayName,
    kind: seed.kind ?? 'modified',
    severity: seed.severity,
    changes: seed.changes ?? [],
    signature: `sig-${seed.id}`,
    state: seed.state ?? 'open',
    version: 1,
    firstSeenAt: '2025-12-02T08:00:00.000Z',
    lastSeenAt: CHECKED_AT,
    updatedAt: CHECKED_AT,
    history: history({
      at: '2025-12-02T08:00:00.000Z',
      actor: null,
      action: 'detected',
      from: 'open',
      to: 'open',
    }),
    ...seed.extra,
  };
}

export const REQUIRE_MFA = aFinding({
  id: 'fnd-ca-001',
  displayName: 'CA001: Require MFA for administrators',
  policyType: 'conditionalAccessPolicy',
  severity: 'critical',
  state: 'acknowledged',
  changes: [
    { path: 'state', baseline: 'enabled', current: 'enabledForReportingButNotEnforced' },
    {
      path: 'conditions.users.excludeUsers',
      baseline: [],
      current: ['5e7f3b2a-1c4d-4e6f-8a9b-0c1d2e3f4a5b', 'b7c8d9e0-f1a2-4b3c-9d4e-5f6a7b8c9d0e'],
    },
    {
      path: 'grantControls.builtInControls',
      baseline: ['mfa'],
      current: ['mfa', 'compliantDevice'],
    },
    { path: 'grantControls.operator', baseline: 'AND', current: 'OR' },
  ],
  extra: {
    version: 4,
    assignee: MEGAN,
    history: history(
      { at: '2025-12-02T08:00:00.000Z', actor: null, action: 'detected', from: 'open', to: 'open' },
      {
        at: '2025-12-03T13:58:00.000Z',
        actor: MEGAN,
        action: 'assign',
        from: 'open',
        to: 'open',
      },
      {
        at: '2025-12-03T14:02:00.000Z',
        actor: MEGAN,
        action: 'acknowledge',
        from: 'open',
        to: 'acknowledged',
        reason: 'Checking with the identity team whether the exclusion is the break-glass account.',
      },
    ),
  },
});

export const SAMPLE_FINDINGS: Finding[] = [
  REQUIRE_MFA,
  aFinding({
    id: 'fnd-cmp-014',
    displayName: 'Windows 11 – Compliance (BitLocker, Secure Boot)',
    policyType: 'compliancePolicy',
    severity: 'high',
    changes: [
      { path: 'bitLockerEnabled', baseline: true, current: false },
      { path: 'secureBootEnabled', baseline: true, current: false },
    ],
    extra: { attribution: { ...ADELE_IN_PORTAL, activity: 'Patch DeviceCompliancePolicy' } },
  }),
  aFinding({
    id: 'fnd-av-003',
    displayName: 'Defender Antivirus – Baseline',
    policyType: 'settingsCatalog',
    severity: 'high',
    kind: 'missing',
  }),
  aFinding({
    id: 'fnd-ios-007',
    displayName: 'iOS/iPadOS device restrictions',
    policyType: 'deviceConfiguration',
    severity: 'medium',
    changes: [{ path: 'passcodeMinimumLength', baseline: 8, current: 6 }],
  }),
  aFinding({
    id: 'fnd-ca-009',
    displayName: 'CA009: Block legacy authentication',
    policyType: 'conditionalAccessPolicy',
    severity: 'high',
    state: 'snoozed',
    changes: [
      { path: 'conditions.clientAppTypes', baseline: ['exchangeActiveSync', 'other'], current: ['other'] },
    ],
    extra: { until: '2025-12-10T23:59:59.999Z', reason: 'Migration of the last POP3 mailbox' },
  }),
  aFinding({
    id: 'fnd-wifi-002',
    displayName: 'Wi-Fi – Head office',
    policyType: 'deviceConfiguration',
    severity: 'low',
    kind: 'added',
  }),
  aFinding({
    id: 'fnd-upd-004',
    displayName: 'Windows Update ring – Pilot',
    policyType: 'deviceConfiguration',
    severity: 'medium',
    changes: [
      { path: 'qualityUpdatesDeferralPeriodInDays', baseline: 0, current: 7 },
      { path: 'featureUpdatesDeferralPeriodInDays', baseline: 0, current: 30 },
      { path: 'description', baseline: 'Pilot ring', current: 'Pilot ring (paused for the audit)' },
    ],
    extra: { state: 'resolved' },
  }),
];

/** A long OMA-URI value, the kind Graph returns for custom profiles. */
export const LONG_XML = `<![CDATA[<Configuration><Policy Name="AllowedApps"><Apps>${Array.from(
  { length: 40 },
  (_, index) => `<App Id="com.contoso.app${index}" Publisher="CN=Contoso Ltd, O=Contoso, C=GB"/>`,
).join('')}</Apps></Policy></Configuration>]]>`;

export const CUSTOM_PROFILE = aFinding({
  id: 'fnd-oma-011',
  displayName: 'Custom – AppLocker allow list',
  policyType: 'deviceConfiguration',
  severity: 'high',
  changes: [
    {
      path: 'omaSettings[./Vendor/MSFT/AppLocker/ApplicationLaunchRestrictions/Contoso/EXE/Policy]',
      baseline: LONG_XML,
      current: LONG_XML.replace('app7', 'app7-beta'),
    },
    { path: 'assignments[group:All devices]', baseline: 'include', current: '(not assigned)' },
  ],
  extra: { attribution: ADELE_IN_PORTAL },
});

const SEVERITY_CYCLE: readonly Severity[] = ['critical', 'high', 'medium', 'medium', 'low', 'low', 'low'];

/** A big tenant: `count` findings with realistic names and states. */
export function manyFindings(count: number): Finding[] {
  return Array.from({ length: count }, (_, index) =>
    aFinding({
      id: `fnd-bulk-${String(index).padStart(5, '0')}`,
      displayName: `Settings catalog – Kiosk profile ${index}`,
      policyType: 'settingsCatalog',
      severity: SEVERITY_CYCLE[index % SEVERITY_CYCLE.length] ?? 'low',
      state: index % 5 === 0 ? 'acknowledged' : 'open',
      changes: [
        {
          path: `settings[device_vendor_msft_policy_config_kiosk_${index}]`,
          baseline: 'enabled',
          current: 'disabled',
        },
      ],
    }),
  );
}
