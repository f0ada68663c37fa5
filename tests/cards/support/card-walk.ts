/** Helpers that read rendered card JSON the way a client would. */

export interface CardAction {
  type: string;
  verb?: string;
  title?: string;
  data?: Record<string, unknown>;
  fallback?: CardAction;
  [key: string]: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Every object in the card, depth first. */
export function allObjects(value: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
    } else if (isRecord(node)) {
      found.push(node);
      for (const item of Object.values(node)) visit(item);
    }
  };
  visit(value);
  return found;
}

/** Every Action.Execute in the card (refresh, selectActions and buttons), without their fallbacks. */
export function executeActions(card: unknown): CardAction[] {
  return allObjects(card).filter((node): node is CardAction => node.type === 'Action.Execute');
}

/** Every text a user would read: TextBlock texts and FactSet titles and values. */
export function texts(card: unknown): string[] {
  const out: string[] = [];
  for (const node of allObjects(card)) {
    if (node.type === 'TextBlock' && typeof node.text === 'string') out.push(node.text);
    if (typeof node.title === 'string' && typeof node.value === 'string' && node.type === undefined) {
      out.push(node.title, node.value);
    }
  }
  return out;
}

export function elementsOfType(card: unknown, type: string): Record<string, unknown>[] {
  return allObjects(card).filter((node) => node.type === type);
}
