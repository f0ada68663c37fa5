import type { FindingState } from '../core/model';
import { safeLine } from './escape';
import { STATE_LABEL, type FormatOptions } from './format';
import { expandTemplate, type AdaptiveCard } from './render';
import { lastActionText, type LastAction, type TenantRef } from './summary-card';
import template from './templates/stale.json';

/** The answer when a click carried an older finding version than the stored one. */
export interface StaleCardData {
  tenant: TenantRef;
  finding: { id: string; displayName: string; state: FindingState };
  /** The version the clicked card showed. */
  shownVersion: number;
  /** The stored version now. */
  currentVersion: number;
  /** What changed it, when known: "Megan Bowen acknowledged … · 14:02". */
  lastChange?: LastAction;
}

export function renderStaleCard(data: StaleCardData, options?: FormatOptions): AdaptiveCard {
  const view = {
    tenantId: data.tenant.id,
    findingId: data.finding.id,
    version: data.currentVersion,
    header: `DRIFTWATCH · ${safeLine(data.tenant.name, 80)}`,
    text: `“${safeLine(data.finding.displayName, 100)}” changed after this card was shown, so your click did nothing. It is now ${STATE_LABEL[data.finding.state].toLowerCase()}.`,
    hasLastChange: data.lastChange !== undefined,
    lastChange:
      data.lastChange === undefined ? '' : `Last change: ${lastActionText(data.lastChange, options)}`,
    versions: `Card showed version ${data.shownVersion}; current version ${data.currentVersion}.`,
  };
  return expandTemplate(template, view);
}
