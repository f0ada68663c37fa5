import { Template } from 'adaptivecards-templating';

/** An Adaptive Card 1.5 payload, ready to attach. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  version: '1.5';
  [property: string]: unknown;
}

/**
 * The budget every card must stay under, serialised as UTF-8 inside its message activity: the
 * incoming-webhook limit (28 KB), well under the bot limit, so a card also fits a webhook fallback.
 */
export const CARD_BYTE_BUDGET = 28_000;

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** A binding the data did not fill: a bug in a render function, never shown to users. */
export class UnboundBindingError extends Error {
  constructor(readonly path: string) {
    super(`card has an unexpanded binding at ${path}`);
    this.name = 'UnboundBindingError';
  }
}

/** Even the smallest form of a card did not fit the budget. */
export class CardTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`card is ${bytes} bytes, over the ${CARD_BYTE_BUDGET}-byte budget`);
    this.name = 'CardTooLargeError';
  }
}

/** The message activity that carries a card, as the bot sends it. */
export function cardActivity(card: AdaptiveCard): {
  type: 'message';
  attachments: { contentType: string; content: AdaptiveCard }[];
} {
  return { type: 'message', attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }] };
}

/** Bytes of the card inside its activity, the figure the budget applies to. */
export function cardBytes(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(cardActivity(card)), 'utf8');
}

/** Expand a template with an already formatted view and refuse anything left unbound. */
export function expandTemplate(template: object, view: object): AdaptiveCard {
  const expanded: unknown = new Template(template).expand({ $root: view });
  assertFullyBound(expanded, '$');
  if (!isAdaptiveCard(expanded)) throw new Error('template did not expand to an Adaptive Card 1.5');
  return expanded;
}

/** Throws when any key or string value still contains `${`. */
export function assertFullyBound(value: unknown, path: string): void {
  if (typeof value === 'string') {
    if (value.includes('${')) throw new UnboundBindingError(path);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertFullyBound(item, `${path}[${index}]`));
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('${')) throw new UnboundBindingError(`${path}.${key}`);
      assertFullyBound(item, `${path}.${key}`);
    }
  }
}

function isAdaptiveCard(value: unknown): value is AdaptiveCard {
  return (
    value !== null &&
    typeof value === 'object' &&
    'type' in value &&
    value.type === 'AdaptiveCard' &&
    'version' in value &&
    value.version === '1.5'
  );
}

/**
 * Render with the largest limit that fits the budget: lists shrink before a card is refused.
 * `limits` go from the preferred size down to the smallest acceptable one.
 */
export function fitToBudget<T>(limits: readonly T[], render: (limit: T) => AdaptiveCard): AdaptiveCard {
  let smallest: AdaptiveCard | undefined;
  for (const limit of limits) {
    smallest = render(limit);
    if (cardBytes(smallest) < CARD_BYTE_BUDGET) return smallest;
  }
  throw new CardTooLargeError(smallest === undefined ? 0 : cardBytes(smallest));
}
