import { describe, expect, it } from 'vitest';
import { checkServiceUrl } from '../../../bot/proactive/service-url-policy';

describe('which serviceUrls the bot sends to', () => {
  it("accepts Teams' hosts over https", () => {
    for (const url of [
      'https://smba.trafficmanager.net/emea/',
      'https://smba.infra.gcc.teams.microsoft.com/',
      'https://smba.infra.gov.teams.microsoft.us/x/',
    ]) {
      expect(checkServiceUrl(url, { authEnabled: true })).toEqual({ ok: true });
    }
  });

  it('refuses other hosts, plain http and look-alikes', () => {
    for (const url of [
      'https://evil.example/',
      'http://smba.trafficmanager.net/emea/',
      'https://smba.trafficmanager.net.evil.example/',
      'not a url',
    ]) {
      expect(checkServiceUrl(url, { authEnabled: false }).ok).toBe(false);
    }
  });

  it('allows loopback (the stand-ins) only while authentication is off', () => {
    expect(checkServiceUrl('http://127.0.0.1:4000/', { authEnabled: false })).toEqual({ ok: true });
    expect(checkServiceUrl('http://localhost:4000/', { authEnabled: true }).ok).toBe(false);
  });
});
