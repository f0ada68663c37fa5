import {
  countFindings,
  emptyCounts,
  renderCheckFailedCard,
  renderFindingDetailCard,
  renderFindingListCard,
  renderHelpCard,
  renderNotAllowedCard,
  renderPortfolioCard,
  renderStaleCard,
  renderSummaryCard,
  renderTenantStatusCard,
  renderTriageFormCard,
  summaryCardDataFrom,
  attentionOrder,
  type AdaptiveCard,
  type FormatOptions,
} from '../../../cards';
import {
  ALEX,
  CHECKED_AT,
  CONTOSO,
  COVERAGE_PARTIAL,
  CUSTOM_PROFILE,
  FABRIKAM,
  MEGAN,
  NOW,
  REQUIRE_MFA,
  SAMPLE_FINDINGS,
} from './sample-data';

/** Every card, rendered from realistic data: the tests, golden files and pictures all use these. */
export interface SampleCard {
  name: string;
  render: (options?: FormatOptions) => AdaptiveCard;
}

function tenantCounts(critical: number, high: number, medium: number, low: number) {
  const counts = emptyCounts();
  counts.bySeverity = { critical, high, medium, low };
  counts.attention = critical + high + medium + low;
  counts.byState.open = counts.attention;
  return counts;
}

export const SAMPLE_CARDS: readonly SampleCard[] = [
  {
    name: 'summary',
    render: (options?: FormatOptions) =>
      renderSummaryCard(
        summaryCardDataFrom({
          tenant: CONTOSO,
          checkedAt: CHECKED_AT,
          runId: 'run-20251203-1400',
          coverage: COVERAGE_PARTIAL,
          findings: SAMPLE_FINDINGS,
          newFindingIds: ['fnd-cmp-014', 'fnd-av-003'],
          reopenedFindingIds: [],
          resolvedSinceLastPost: 1,
        }),
        options,
      ),
  },
  {
    name: 'finding-detail',
    render: (options?: FormatOptions) =>
      renderFindingDetailCard({ tenant: CONTOSO, finding: REQUIRE_MFA }, options),
  },
  {
    name: 'finding-detail-long-values',
    render: (options?: FormatOptions) =>
      renderFindingDetailCard({ tenant: CONTOSO, finding: CUSTOM_PROFILE }, options),
  },
  {
    name: 'triage-form',
    render: (options?: FormatOptions) =>
      renderTriageFormCard({ tenant: CONTOSO, finding: REQUIRE_MFA, now: NOW }, options),
  },
  {
    name: 'triage-form-snooze',
    render: (options?: FormatOptions) =>
      renderTriageFormCard({ tenant: CONTOSO, finding: REQUIRE_MFA, decision: 'snoozed', now: NOW }, options),
  },
  {
    name: 'triage-form-exception',
    render: (options?: FormatOptions) =>
      renderTriageFormCard(
        {
          tenant: CONTOSO,
          finding: REQUIRE_MFA,
          decision: 'exception',
          now: NOW,
          errors: [{ field: 'until', message: 'Pick a date after today.' }],
        },
        options,
      ),
  },
  {
    name: 'tenant-status',
    render: (options?: FormatOptions) =>
      renderTenantStatusCard(
        {
          tenant: CONTOSO,
          counts: countFindings(SAMPLE_FINDINGS),
          lastCheck: { at: CHECKED_AT, runId: 'run-20251203-1400', coverage: COVERAGE_PARTIAL },
          nextCheckAt: '2025-12-03T14:30:00.000Z',
          schedule: '0 */30 * * * *',
          baseline: { version: 7, capturedAt: '2025-11-20T09:15:00.000Z' },
        },
        options,
      ),
  },
  {
    name: 'portfolio',
    render: (options?: FormatOptions) =>
      renderPortfolioCard(
        {
          generatedAt: NOW,
          tenants: [
            {
              tenant: { id: 't-northwind', name: 'Northwind Traders' },
              counts: tenantCounts(0, 0, 2, 5),
              lastCheckedAt: CHECKED_AT,
              checkStatus: 'complete',
            },
            {
              tenant: CONTOSO,
              counts: countFindings(SAMPLE_FINDINGS),
              lastCheckedAt: CHECKED_AT,
              checkStatus: 'incomplete',
            },
            {
              tenant: FABRIKAM,
              counts: tenantCounts(2, 4, 9, 12),
              lastCheckedAt: '2025-12-03T13:30:00.000Z',
              checkStatus: 'complete',
            },
            {
              tenant: { id: 't-adatum', name: 'Adatum Corporation' },
              counts: tenantCounts(0, 0, 0, 0),
              lastCheckedAt: CHECKED_AT,
              checkStatus: 'complete',
            },
            {
              tenant: { id: 't-tailspin', name: 'Tailspin Toys' },
              counts: tenantCounts(0, 0, 0, 0),
              lastCheckedAt: '2025-12-02T22:00:00.000Z',
              checkStatus: 'failed',
            },
            {
              tenant: { id: 't-woodgrove', name: 'Woodgrove Bank' },
              counts: tenantCounts(0, 1, 0, 3),
              lastCheckedAt: CHECKED_AT,
              checkStatus: 'complete',
            },
          ],
        },
        options,
      ),
  },
  {
    name: 'finding-list',
    render: (options?: FormatOptions) =>
      renderFindingListCard(
        {
          tenant: CONTOSO,
          filter: 'severity>=medium',
          findings: attentionOrder(SAMPLE_FINDINGS),
          offset: 0,
          total: 5,
        },
        options,
      ),
  },
  { name: 'help', render: () => renderHelpCard({}) },
  {
    name: 'not-allowed',
    render: () =>
      renderNotAllowedCard({
        attempted: 'accept findings into the baseline',
        reason: 'Accepting changes the approved configuration, so only the approvers of this tenant may.',
        tenant: CONTOSO,
        actor: ALEX,
        ask: [MEGAN],
      }),
  },
  {
    name: 'stale',
    render: (options?: FormatOptions) =>
      renderStaleCard(
        {
          tenant: CONTOSO,
          finding: { id: REQUIRE_MFA.id, displayName: REQUIRE_MFA.displayName, state: 'acknowledged' },
          shownVersion: 3,
          currentVersion: 4,
          lastChange: {
            actor: MEGAN,
            action: 'acknowledge',
            at: '2025-12-03T14:02:00.000Z',
            findingName: REQUIRE_MFA.displayName,
          },
        },
        options,
      ),
  },
  {
    name: 'check-failed',
    render: (options?: FormatOptions) =>
      renderCheckFailedCard(
        {
          tenant: FABRIKAM,
          at: CHECKED_AT,
          runId: 'run-20251203-1400-fab',
          failure: {
            kind: 'consent_missing',
            permissions: [
              'DeviceManagementConfiguration.Read.All',
              'DeviceManagementManagedDevices.Read.All',
              'Policy.Read.All',
            ],
            consentUrl: `https://login.microsoftonline.com/${FABRIKAM.id}/adminconsent?client_id=00000000-0000-4000-8000-00000000d00d`,
          },
        },
        options,
      ),
  },
];
