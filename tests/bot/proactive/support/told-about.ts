import type { BindingStore } from '../../../../core/bindings/binding-store';
import type { LastPost } from '../../../../core/bindings/channel-binding';
import type { Finding } from '../../../../core/model';

/** A conversation that was already told about `findings` as open (an earlier summary reached it). */
export async function toldAbout(
  bindings: BindingStore,
  conversationId: string,
  tenantId: string,
  findings: readonly Finding[],
  post?: LastPost,
): Promise<void> {
  await bindings.recordNotified(conversationId, tenantId, {
    runId: post?.runId ?? 'run-earlier',
    findings: Object.fromEntries(findings.map((f) => [f.id, { signature: f.signature, attention: true }])),
    at: post?.at ?? '2025-06-01T09:00:00.000Z',
    ...(post ? { post } : {}),
  });
}
