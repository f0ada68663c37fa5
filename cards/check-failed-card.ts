import { safeLine } from './escape';
import { formatDateTime, plural, typeLabel, type FormatOptions } from './format';
import { expandTemplate, type AdaptiveCard } from './render';
import type { TenantRef } from './summary-card';
import template from './templates/check-failed.json';

/** Why a check could not read the tenant at all. */
export type CheckFailure =
  /** The Driftwatch app has no admin consent in the tenant. */
  | { kind: 'consent_missing'; permissions: readonly string[]; consentUrl?: string }
  /** Consent exists but lacks permissions some policy types need (Graph answered 403). */
  | {
      kind: 'permission_missing';
      permissions: readonly string[];
      policyTypes: readonly string[];
      consentUrl?: string;
    }
  | { kind: 'throttled'; retryAt?: string }
  | { kind: 'unreachable'; message: string }
  | { kind: 'other'; message: string };

export interface CheckFailedCardData {
  tenant: TenantRef;
  at: string;
  runId?: string;
  failure: CheckFailure;
}

const KEEP_STATE = 'No findings were opened or closed: findings stay as they were until a complete read.';

export function renderCheckFailedCard(data: CheckFailedCardData, options?: FormatOptions): AdaptiveCard {
  const tenant = `**${safeLine(data.tenant.name, 80)}** (tenant ${safeLine(data.tenant.id, 60)})`;
  const explained = explain(data.failure, tenant, options);
  const consentUrl = 'consentUrl' in data.failure ? httpsUrl(data.failure.consentUrl) : undefined;
  const view = {
    header: `DRIFTWATCH · ${safeLine(data.tenant.name, 80)}`,
    title: explained.title,
    when: `${formatDateTime(data.at, options)}${data.runId === undefined ? '' : ` · run ${safeLine(data.runId, 40)}`}`,
    text: explained.text,
    permissions: explained.permissions.map((permission) => ({ name: safeLine(permission, 100) })),
    hasPermissions: explained.permissions.length > 0,
    keepState: KEEP_STATE,
    hasConsentUrl: consentUrl !== undefined,
    consentUrl: consentUrl ?? '',
  };
  return expandTemplate(template, view);
}

function explain(
  failure: CheckFailure,
  tenant: string,
  options: FormatOptions | undefined,
): { title: string; text: string; permissions: readonly string[] } {
  switch (failure.kind) {
    case 'consent_missing':
      return {
        title: 'Check failed: admin consent missing',
        text: `Driftwatch has no admin consent in ${tenant}. A Global Administrator or Privileged Role Administrator of that tenant must grant the Driftwatch app these application permissions:`,
        permissions: failure.permissions,
      };
    case 'permission_missing':
      return {
        title: 'Check incomplete: permission missing',
        text: `Graph refused ${plural(failure.policyTypes.length, 'policy type')} in ${tenant} (${failure.policyTypes.map((type) => safeLine(typeLabel(type, options), 60)).join(', ')}). An administrator of that tenant must grant:`,
        permissions: failure.permissions,
      };
    case 'throttled':
      return {
        title: 'Check failed: Graph throttled the read',
        text: `Microsoft Graph kept answering “too many requests” for ${tenant}.${failure.retryAt === undefined ? '' : ` Driftwatch tries again ${formatDateTime(failure.retryAt, options)}.`}`,
        permissions: [],
      };
    case 'unreachable':
      return {
        title: 'Check failed: Graph unreachable',
        text: `Driftwatch could not reach Graph for ${tenant}: ${safeLine(failure.message, 300)}`,
        permissions: [],
      };
    case 'other':
      return {
        title: 'Check failed',
        text: `The check of ${tenant} failed: ${safeLine(failure.message, 300)}`,
        permissions: [],
      };
  }
}

/** Only an https link becomes a button: a consent URL is built by the bot, but never trusted blindly. */
function httpsUrl(url: string | undefined): string | undefined {
  if (url === undefined || !URL.canParse(url)) return undefined;
  return new URL(url).protocol === 'https:' ? url : undefined;
}
