import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import * as AC from 'adaptivecards';

const require = createRequire(import.meta.url);

let schemaValidator: ValidateFunction | undefined;

/** The official Adaptive Cards 1.5 schema (copied into schemas/ with its licence), compiled once. */
function officialSchema(): ValidateFunction {
  if (schemaValidator) return schemaValidator;
  const schemaPath = fileURLToPath(
    new URL('../../../schemas/adaptive-cards-1.5/adaptive-card.json', import.meta.url),
  );
  const schema: unknown = JSON.parse(readFileSync(schemaPath, 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  // The schema names itself with draft-04 style `id`, which ajv 8 refuses as a keyword; it is only an identifier.
  ajv.removeKeyword('id');
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addFormat('uri-reference', true);
  schemaValidator = ajv.compile(schema as object);
  return schemaValidator;
}

/** Schema errors, as readable lines; empty when the card is valid. */
export function schemaErrors(card: unknown): string[] {
  const validate = officialSchema();
  if (validate(card)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

/** Parse and validate with the adaptivecards SDK (UMD build); returns every event it raised. */
export function sdkEvents(card: unknown): string[] {
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const events: string[] = [];
  for (let index = 0; index < context.eventCount; index++) {
    const event = context.getEventAt(index);
    events.push(`${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  for (const event of parsed.validateProperties().validationEvents) {
    events.push(`${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  return events;
}
