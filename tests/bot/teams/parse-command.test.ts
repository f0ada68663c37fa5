import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../bot/teams/parse-command';

describe('parsing chat commands', () => {
  it('reads status with and without a tenant, tolerant of case, spaces and the mention', () => {
    expect(parseCommand('status')).toEqual({ kind: 'status' });
    expect(parseCommand('  STATUS   Contoso  ')).toEqual({ kind: 'status', tenant: 'Contoso' });
    expect(parseCommand('<at>Driftwatch</at> status contoso')).toEqual({ kind: 'status', tenant: 'contoso' });
    expect(parseCommand('status&nbsp;"Fabrikam Ltd"')).toEqual({ kind: 'status', tenant: 'Fabrikam Ltd' });
    expect(parseCommand('/status contoso')).toEqual({ kind: 'status', tenant: 'contoso' });
  });

  it('reads findings filters in any order, leaving the rest as the tenant', () => {
    expect(parseCommand('findings contoso severity>=high open')).toEqual({
      kind: 'findings',
      tenant: 'contoso',
      minSeverity: 'high',
      state: 'open',
    });
    expect(parseCommand('findings sev >= critical false-positive')).toEqual({
      kind: 'findings',
      minSeverity: 'critical',
      state: 'false_positive',
    });
    expect(parseCommand('findings all')).toEqual({ kind: 'findings', state: 'all' });
  });

  it('refuses an unknown severity with the usage', () => {
    const command = parseCommand('findings contoso severity>=urgent');
    expect(command).toMatchObject({ kind: 'invalid', command: 'findings' });
    expect(command.kind === 'invalid' && command.message).toContain('critical, high, medium, low');
  });

  it('reads the portfolio, check, baseline capture, whoami, debug and help', () => {
    expect(parseCommand('tenants')).toEqual({ kind: 'tenants' });
    expect(parseCommand('check Contoso')).toEqual({ kind: 'check', tenant: 'Contoso' });
    expect(parseCommand('check')).toEqual({ kind: 'check' });
    expect(parseCommand('baseline capture contoso')).toEqual({ kind: 'baseline-capture', tenant: 'contoso' });
    expect(parseCommand('baseline')).toMatchObject({ kind: 'invalid', usage: 'baseline capture [tenant]' });
    expect(parseCommand('WhoAmI')).toEqual({ kind: 'whoami' });
    expect(parseCommand('debug')).toEqual({ kind: 'debug' });
    expect(parseCommand('help')).toEqual({ kind: 'help' });
    expect(parseCommand('')).toEqual({ kind: 'help' });
    expect(parseCommand('<at>Driftwatch</at>')).toEqual({ kind: 'help' });
  });

  it('reads link to a tenant or to all, with a severity floor, and unlink', () => {
    expect(parseCommand('link contoso')).toEqual({ kind: 'link', target: { tenant: 'contoso' } });
    expect(parseCommand('link contoso severity>=high')).toEqual({
      kind: 'link',
      target: { tenant: 'contoso' },
      minSeverity: 'high',
    });
    expect(parseCommand('link ALL')).toEqual({ kind: 'link', target: { all: true } });
    expect(parseCommand('link')).toMatchObject({ kind: 'invalid', command: 'link' });
    expect(parseCommand('unlink')).toEqual({ kind: 'unlink' });
    expect(parseCommand('unlink contoso')).toMatchObject({ kind: 'invalid', command: 'unlink' });
  });

  it('suggests the command a typo meant, and nothing for gibberish', () => {
    expect(parseCommand('stauts contoso')).toEqual({ kind: 'unknown', word: 'stauts', suggestion: 'status' });
    expect(parseCommand('hello there')).toEqual({ kind: 'unknown', word: 'hello' });
  });

  it('survives huge and hostile text', () => {
    const command = parseCommand(`status ${'x'.repeat(100_000)}`);
    expect(command.kind).toBe('status');
    expect(command.kind === 'status' && command.tenant?.length).toBeLessThanOrEqual(500);
    expect(parseCommand('<script>alert(1)</script>')).toMatchObject({ kind: 'unknown' });
  });
});
