import fc from 'fast-check';
import { Verb } from '../../../cards';

/** Ids a generated payload may point at (real ones mixed with junk). */
export interface Targets {
  serviceUrl: string;
  tenantIds: string[];
  findingIds: string[];
  conversations: string[];
}

const junkString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '{"$ne":null}', '../../etc/passwd', '<at>x</at>', '[x](https://evil)'),
);
const junk = fc.oneof(
  junkString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  fc.constant({ $ne: null }),
);

/** Command texts people (and attackers) type: real commands with junk, junk alone, mentions and markdown. */
export const commandText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc
    .tuple(
      fc.constantFrom(
        'status',
        'findings',
        'tenants',
        'check',
        'baseline capture',
        'link',
        'unlink',
        'whoami',
        'debug',
        'help',
        'STATUS',
        'ack',
      ),
      fc.array(fc.oneof(junkString, fc.constantFrom('contoso', 'all', '--severity', 'high', 'critical')), {
        maxLength: 4,
      }),
    )
    .map(([command, args]) => [command, ...args].join(' ')),
  fc
    .string({ maxLength: 30 })
    .map((s) => `<at>Driftwatch</at> ${s} <at>Someone</at> [click](https://evil.example)`),
);

/**
 * Card action data that must never change anything: whatever it names, its version is never a
 * version a finding has (findings here are at version 1 or 2), or its fields are junk.
 */
export function cardData(t: Targets) {
  const badVersion = fc.oneof(
    fc.integer({ min: 50 }),
    fc.integer({ max: 0 }),
    fc.double({ noInteger: true }),
    junkString,
    fc.constant(null),
  );
  return fc.record(
    {
      tenantId: fc.oneof(fc.constantFrom(...t.tenantIds), fc.uuid(), junk),
      findingId: fc.oneof(fc.constantFrom(...t.findingIds), junk),
      version: badVersion,
      decision: fc.oneof(
        fc.constantFrom('investigating', 'accepted', 'false_positive', 'exception', 'snoozed'),
        junk,
      ),
      reason: fc.oneof(junkString, fc.string({ maxLength: 2000 })),
      until: fc.oneof(fc.constantFrom('2025-06-10', '2099-01-01', 'yesterday'), junk),
      offset: fc.oneof(fc.integer(), junk),
      card: fc.oneof(fc.constantFrom('summary', 'status', 'findings', 'portfolio', 'detail'), junk),
      changesOffset: fc.oneof(fc.integer(), junk),
    },
    { requiredKeys: [] },
  );
}

const VERBS = Object.values(Verb) as string[];

/** Activities as a channel might send them, or as someone forging them might: any field may be wrong. */
export function activity(t: Targets) {
  const id = fc.oneof(fc.uuid(), junkString);
  const from = fc.oneof(
    fc.record(
      { id, name: junkString, aadObjectId: fc.oneof(fc.uuid(), junkString) },
      { requiredKeys: ['id'] },
    ),
    junk,
  );
  const conversation = fc.oneof(
    fc.record({
      id: fc.oneof(fc.constantFrom(...t.conversations), junkString),
      conversationType: fc.constantFrom('channel', 'personal', 'groupChat'),
    }),
    junk,
  );
  const invokeValue = fc.record(
    {
      action: fc.record(
        {
          type: fc.oneof(fc.constantFrom('Action.Execute', 'Action.Submit'), junkString),
          verb: fc.oneof(fc.constantFrom(...VERBS), junkString),
          data: fc.oneof(cardData(t), junk),
        },
        { requiredKeys: [] },
      ),
      trigger: fc.constantFrom('manual', 'automatic'),
    },
    { requiredKeys: [] },
  );
  return fc.record(
    {
      type: fc.oneof(fc.constantFrom('message', 'invoke', 'messageReaction', 'typing', 'event'), junkString),
      name: fc.oneof(fc.constantFrom('adaptiveCard/action', 'composeExtension/query'), junkString),
      id: junkString,
      channelId: fc.oneof(fc.constant('msteams'), junk),
      serviceUrl: fc.oneof(fc.constant(t.serviceUrl), junk),
      from,
      recipient: fc.oneof(fc.constant({ id: '28:bot', name: 'Driftwatch' }), junk),
      conversation,
      text: fc.oneof(commandText, junk),
      value: fc.oneof(invokeValue, cardData(t), junk),
      replyToId: fc.oneof(fc.constant('card-1'), junkString),
      channelData: fc.oneof(fc.constant({ tenant: { id: 'msp-tenant' } }), junk),
      entities: fc.oneof(fc.constant([]), fc.array(junk, { maxLength: 2 })),
    },
    { requiredKeys: ['type'] },
  );
}
