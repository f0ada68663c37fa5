import { z } from 'zod';
import type { Tenant } from '../model';
import { getPolicyType } from '../registry';
import { validateCron } from '../scheduling/cron';

/** The shape of a tenant as people write it (tenants file, CLI, admin command): only id and name required. */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const guid = (what: string) =>
  z
    .string({ invalid_type_error: `expected ${what} as a GUID string` })
    .trim()
    .regex(GUID, `expected ${what} as a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`)
    .transform((s) => s.toLowerCase());

const label = z
  .string({ invalid_type_error: 'expected a string' })
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'at most 64 characters')
  .regex(/^[^\s,]+$/, 'no spaces or commas (it is typed in chat: "status contoso")');

export const TenantInput = z
  .object({
    id: guid('the Entra tenant id'),
    name: label,
    aliases: z.array(label).default([]),
    schedule: z
      .string({ invalid_type_error: 'expected a cron expression string' })
      .trim()
      .refine(validateCron, 'expected a cron expression such as "0 */30 * * * *" (seconds allowed)')
      .optional(),
    timezone: z
      .string({ invalid_type_error: 'expected an IANA time zone string' })
      .trim()
      .refine(isTimezone, 'expected an IANA time zone such as Europe/Berlin')
      .optional(),
    approvers: z.array(guid('an Entra object id')).default([]),
    policyTypes: z
      .array(z.string().refine((k) => getPolicyType(k) !== undefined, 'unknown policy type'))
      .optional(),
  })
  .strict();
export type TenantInput = z.input<typeof TenantInput>;

/** One problem in tenant input, with the field it concerns ("schedule", "aliases.1"). */
export interface TenantFieldProblem {
  field: string;
  message: string;
}

export type TenantParse = { ok: true; tenant: Tenant } | { ok: false; problems: TenantFieldProblem[] };

/** Validates tenant input; normalises GUIDs to lower case and drops duplicate aliases. */
export function parseTenant(input: unknown): TenantParse {
  const parsed = TenantInput.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({
        field: i.code === 'unrecognized_keys' ? i.keys.join(', ') : i.path.join('.') || '(entry)',
        message: i.code === 'unrecognized_keys' ? 'unknown field' : i.message,
      })),
    };
  }
  const t = parsed.data;
  const tenant: Tenant = {
    id: t.id,
    name: t.name,
    aliases: [...new Set(t.aliases)],
    approvers: [...new Set(t.approvers)],
    ...(t.schedule !== undefined && { schedule: t.schedule }),
    ...(t.timezone !== undefined && { timezone: t.timezone }),
    ...(t.policyTypes !== undefined && { policyTypes: t.policyTypes }),
  };
  return { ok: true, tenant };
}

/** Two tenants are the same registration when every field matches (order of aliases aside). */
export function sameTenant(a: Tenant, b: Tenant): boolean {
  const sorted = (xs: readonly string[] | undefined) => JSON.stringify(xs ? [...xs].sort() : null);
  return (
    a.id === b.id &&
    a.name === b.name &&
    a.schedule === b.schedule &&
    a.timezone === b.timezone &&
    sorted(a.aliases) === sorted(b.aliases) &&
    sorted(a.approvers) === sorted(b.approvers) &&
    sorted(a.policyTypes) === sorted(b.policyTypes)
  );
}
