/**
 * Hosts Teams gives as `serviceUrl` (commercial, GCC, GCC High, DoD). Proactive sends go only there:
 * a stored reference is attacker-influenced data and must not turn the bot into an HTTP client for
 * arbitrary URLs (teams-platform §6.4).
 */
const TEAMS_HOSTS = [
  /^smba\.trafficmanager\.net$/,
  /^smba\.infra\.gcc\.teams\.microsoft\.com$/,
  /^smba\.infra\.gov\.teams\.microsoft\.us$/,
  /^smba\.infra\.dod\.teams\.microsoft\.us$/,
];

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export type ServiceUrlVerdict = { ok: true } | { ok: false; reason: string };

/** Teams' own hosts over HTTPS; loopback (the connector stand-ins) only while inbound auth is off. */
export function checkServiceUrl(serviceUrl: string, options: { authEnabled: boolean }): ServiceUrlVerdict {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return { ok: false, reason: 'serviceUrl is not a URL' };
  }
  if (LOOPBACK.has(url.hostname)) {
    return options.authEnabled
      ? { ok: false, reason: 'loopback serviceUrl refused while authentication is on' }
      : { ok: true };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'serviceUrl must use https' };
  if (!TEAMS_HOSTS.some((host) => host.test(url.hostname))) {
    return { ok: false, reason: `serviceUrl host ${url.hostname} is not a Teams host` };
  }
  return { ok: true };
}
