import type { PolicyTypeDefinition } from './policy-type';

const POLICY_READ = 'Policy.Read.All';

/** CA sets compared as sets (graph-reading.md §5 rule 16). */
const CA_SETS = [
  'conditions.users.includeUsers',
  'conditions.users.excludeUsers',
  'conditions.users.includeGroups',
  'conditions.users.excludeGroups',
  'conditions.users.includeRoles',
  'conditions.users.excludeRoles',
  'conditions.applications.includeApplications',
  'conditions.applications.excludeApplications',
  'conditions.applications.includeUserActions',
  'conditions.applications.includeAuthenticationContextClassReferences',
  'conditions.clientAppTypes',
  'conditions.platforms.includePlatforms',
  'conditions.platforms.excludePlatforms',
  'conditions.locations.includeLocations',
  'conditions.locations.excludeLocations',
  'conditions.signInRiskLevels',
  'conditions.userRiskLevels',
  'conditions.servicePrincipalRiskLevels',
  'conditions.insiderRiskLevels',
  'conditions.clientApplications.includeServicePrincipals',
  'conditions.clientApplications.excludeServicePrincipals',
  'grantControls.builtInControls',
  'grantControls.customAuthenticationFactors',
  'grantControls.termsOfUse',
  'grantControls.authenticationStrength.allowedCombinations',
];

/** Entra (Conditional Access) types: 1 request/s per tenant, so read serially. */
export const ENTRA_TYPES: PolicyTypeDefinition[] = [
  {
    key: 'conditionalAccessPolicy',
    label: 'Conditional Access policy',
    api: 'beta',
    path: '/identity/conditionalAccess/policies',
    odataTypes: ['#microsoft.graph.conditionalAccessPolicy'],
    contextPaths: ['identity/conditionalAccess/policies'],
    permission: POLICY_READ,
    serial: true,
    nameProperty: 'displayName',
    secretPaths: [],
    normalise: {
      sets: CA_SETS,
      // The expanded authentication strength carries its own server metadata; its id names it (rule 10).
      ignore: [
        'templateId',
        'grantControls.authenticationStrength.createdDateTime',
        'grantControls.authenticationStrength.modifiedDateTime',
      ],
    },
    severityHints: [
      { kind: 'missing', severity: 'critical', why: 'Conditional Access policy deleted' },
      { path: 'state', to: 'disabled', severity: 'critical', why: 'Conditional Access policy disabled' },
      {
        path: 'state',
        to: 'enabledForReportingButNotEnforced',
        severity: 'critical',
        why: 'Conditional Access policy no longer enforced',
      },
      { path: 'conditions.users.exclude*', severity: 'high', why: 'excluded users, groups or roles changed' },
      { path: 'conditions.applications.exclude*', severity: 'high', why: 'excluded applications changed' },
      { path: 'conditions.users.include*', severity: 'high', why: 'who the policy applies to changed' },
      { path: 'grantControls', severity: 'high', why: 'grant controls changed' },
      { path: 'conditions', severity: 'high', why: 'policy conditions changed' },
      { path: 'sessionControls', severity: 'medium', why: 'session controls changed' },
    ],
  },
  {
    key: 'namedLocation',
    label: 'Named location',
    api: 'beta',
    path: '/identity/conditionalAccess/namedLocations',
    odataTypes: [
      '#microsoft.graph.countryNamedLocation',
      '#microsoft.graph.ipNamedLocation',
      '#microsoft.graph.compliantNetworkNamedLocation',
    ],
    contextPaths: ['identity/conditionalAccess/namedLocations'],
    permission: POLICY_READ,
    serial: true,
    nameProperty: 'displayName',
    secretPaths: [],
    normalise: { sets: ['countriesAndRegions', 'ipRanges'] },
    severityHints: [
      { kind: 'missing', severity: 'high', why: 'named location used by Conditional Access deleted' },
      { path: 'countriesAndRegions', severity: 'high', why: 'trusted or allowed countries changed' },
      { path: 'ipRanges', severity: 'high', why: 'trusted IP ranges changed' },
      { path: 'isTrusted', severity: 'high', why: 'location trust changed' },
    ],
  },
];
