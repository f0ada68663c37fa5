import { bindingCovers, type ChannelBinding } from '../../core/bindings/channel-binding';
import type { Actor, Tenant } from '../../core/model';
import type { TransitionCommand } from '../../core/findings/transition-command';

export type Permission = { ok: true } | { ok: false; reason: string };

export function isAdmin(actor: Actor, admins: readonly string[]): boolean {
  return admins.includes(actor.id);
}

/** Decisions that change what the tenant is measured against need an approver. */
export function needsApprover(kind: TransitionCommand['kind']): boolean {
  return kind === 'accept' || kind === 'falsePositive' || kind === 'exception';
}

/**
 * May this person, in this conversation, change this tenant's finding? The conversation must be bound
 * to the tenant (or to every tenant); some decisions also need the tenant's approvers or an admin.
 */
export function mayDecide(input: {
  actor: Actor;
  tenant: Tenant;
  binding: ChannelBinding | undefined;
  kind: TransitionCommand['kind'];
  admins: readonly string[];
}): Permission {
  const { actor, tenant, binding, kind, admins } = input;
  if (!binding?.binding || !bindingCovers(binding.binding, tenant.id)) {
    return {
      ok: false,
      reason: `This conversation is not linked to ${tenant.name}. Act from a channel linked to it (an admin can run "link ${tenant.name}").`,
    };
  }
  if (needsApprover(kind) && !isApprover(actor, tenant, admins)) {
    return { ok: false, reason: `Only the approvers of ${tenant.name} or a Driftwatch admin may do this.` };
  }
  return { ok: true };
}

export function isApprover(actor: Actor, tenant: Tenant, admins: readonly string[]): boolean {
  return isAdmin(actor, admins) || tenant.approvers.some((id) => id.toLowerCase() === actor.id);
}
