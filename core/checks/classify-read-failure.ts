import type { Coverage } from '../model';
import type { CheckError } from './check-run';

/**
 * What to tell people when no policy type could be read: the reader reports per-type reasons in
 * words (AADSTS codes, 403 with the permission), so the check names the one fix that matters.
 */
export function classifyReadFailure(coverage: Coverage): CheckError {
  const reasons = Object.values(coverage)
    .map((c) => c.reason ?? '')
    .filter(Boolean);
  const first = reasons[0] ?? 'no policy type could be read';
  const has = (re: RegExp) => reasons.find((r) => re.test(r));

  const consent = has(/AADSTS(65001|700016|7000229)\b|consent/i);
  if (consent && !/permission/i.test(consent)) return { code: 'consent-missing', message: consent };
  const credentials = has(/AADSTS(7000215|7000222|700027|700024)\b|secret|certificate/i);
  if (credentials) return { code: 'credentials-invalid', message: credentials };
  const unknown = has(/AADSTS(90002|900023)\b|tenant does not exist|could not resolve this tenant/i);
  if (unknown) return { code: 'tenant-unknown', message: unknown };
  const forbidden = has(/\b403\b/);
  if (forbidden) {
    const permission = /the ([A-Za-z]+(?:\.[A-Za-z]+)+) application permission/.exec(forbidden)?.[1];
    return { code: 'permission-missing', message: forbidden, ...(permission && { permission }) };
  }
  return { code: 'graph-unavailable', message: first };
}
