import type { Actor } from '../core/model';
import { safeLine } from './escape';
import { expandTemplate, type AdaptiveCard } from './render';
import type { TenantRef } from './summary-card';
import template from './templates/not-allowed.json';

export interface NotAllowedCardData {
  /** What was attempted, as a phrase: "accept findings into the baseline". */
  attempted: string;
  /** Why not, and what would allow it: "Only the approvers of Contoso may.". */
  reason: string;
  tenant?: TenantRef;
  actor?: Actor;
  /** People who may do it, to ask. */
  ask?: readonly Actor[];
}

export function renderNotAllowedCard(data: NotAllowedCardData): AdaptiveCard {
  const who = data.actor === undefined ? 'You' : safeLine(data.actor.name, 60);
  const where = data.tenant === undefined ? '' : ` in ${safeLine(data.tenant.name, 60)}`;
  const ask = (data.ask ?? []).slice(0, 10).map((actor) => safeLine(actor.name, 60));
  const view = {
    title: 'Not allowed',
    text: `${who} may not ${safeLine(data.attempted, 120)}${where}. Nothing was changed.`,
    reason: safeLine(data.reason, 300),
    hasAsk: ask.length > 0,
    askText: `Ask: ${ask.join(', ')}.`,
  };
  return expandTemplate(template, view);
}
