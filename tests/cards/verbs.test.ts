import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FindingActionData, MoreActionData, RefreshActionData, VERBS, Verb } from '../../cards';
import { allObjects, executeActions } from './support/card-walk';
import { SAMPLE_CARDS } from './support/sample-cards';

const templatesDir = fileURLToPath(new URL('../../cards/templates/', import.meta.url));
const templates = readdirSync(templatesDir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({ file, json: JSON.parse(readFileSync(`${templatesDir}${file}`, 'utf8')) as unknown }));

const FINDING_VERBS: readonly string[] = [
  Verb.Acknowledge,
  Verb.Triage,
  Verb.TriageSubmit,
  Verb.AssignToMe,
  Verb.Details,
];

describe('action verbs', () => {
  it('every Action.Execute verb in a template is a shared constant, and every constant is used', () => {
    const used = new Set(templates.flatMap(({ json }) => executeActions(json).map((action) => action.verb)));

    expect([...used].sort()).toEqual([...VERBS].sort());
  });

  it('every Action.Execute button has an Action.Submit fallback carrying the same verb', () => {
    for (const sample of SAMPLE_CARDS) {
      const card = sample.render();
      const refresh = (card.refresh as { action?: unknown } | undefined)?.action;
      for (const action of executeActions(card).filter((candidate) => candidate !== refresh)) {
        expect(action.fallback, `${sample.name}: ${action.title}`).toMatchObject({
          type: 'Action.Submit',
          title: action.title,
          data: { ...action.data, verb: action.verb },
        });
      }
    }
  });

  it('every action carries the tenant, the finding(s) and the version(s) the card showed', () => {
    for (const sample of SAMPLE_CARDS) {
      for (const action of executeActions(sample.render())) {
        const schema = FINDING_VERBS.includes(action.verb ?? '')
          ? FindingActionData
          : action.verb === Verb.More
            ? MoreActionData
            : RefreshActionData;
        expect(schema.safeParse(action.data).success, `${sample.name}: ${action.verb}`).toBe(true);
      }
    }
  });

  it('no template uses Action.Submit on its own, which Universal Actions clients would not route', () => {
    for (const { file, json } of templates) {
      const submits = allObjects(json).filter((node) => node.type === 'Action.Submit');
      const fallbacks = allObjects(json).flatMap((node) =>
        node.type === 'Action.Execute' ? [node.fallback] : [],
      );
      expect(
        submits.every((submit) => fallbacks.includes(submit)),
        file,
      ).toBe(true);
    }
  });
});
