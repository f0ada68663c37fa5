import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VERBS } from '../../cards';
import { ACTION_ROUTES } from '../../bot/teams/routes';

const TEMPLATES = fileURLToPath(new URL('../../cards/templates/', import.meta.url));

function executeVerbs(node: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => executeVerbs(n, found));
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (record.type === 'Action.Execute' && typeof record.verb === 'string') found.add(record.verb);
    Object.values(record).forEach((v) => executeVerbs(v, found));
  }
  return found;
}

describe('card verbs and bot routes', () => {
  const inTemplates = new Set<string>();
  for (const file of readdirSync(TEMPLATES).filter((f) => f.endsWith('.json'))) {
    executeVerbs(JSON.parse(readFileSync(`${TEMPLATES}${file}`, 'utf8')), inTemplates);
  }

  it('every Action.Execute verb in a template has a route (an unrouted verb would answer 501)', () => {
    expect([...inTemplates].filter((verb) => !(verb in ACTION_ROUTES))).toEqual([]);
  });

  it('every route serves a verb the cards declare, refresh included', () => {
    expect(Object.keys(ACTION_ROUTES).sort()).toEqual([...VERBS].sort());
    expect([...inTemplates].sort()).toEqual([...VERBS].sort());
  });
});
