import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PLAYGROUND_TEAMS, playgroundConfigYaml } from '../../../sim/playground/playground-config';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("the Playground's mock Teams config", () => {
  const config = parse(playgroundConfigYaml()) as {
    tenantId: string;
    currentUser: { aadObjectId: string; name: string };
    users: { aadObjectId: string }[];
    team: { id: string; channels: unknown[] };
  };

  it('uses real GUIDs wherever Driftwatch reads an Entra id (the built-in ids are not GUIDs)', () => {
    expect(config.tenantId).toMatch(GUID);
    expect(config.currentUser.aadObjectId).toMatch(GUID);
    for (const u of config.users) expect(u.aadObjectId).toMatch(GUID);
    expect(new Set([config.currentUser, ...config.users].map((u) => u.aadObjectId)).size).toBe(6);
  });

  it('has the five other users its schema demands and the team whose General channel the demo links', () => {
    expect(config.users).toHaveLength(5);
    expect(config.team.id).toBe(PLAYGROUND_TEAMS.team.id);
    expect(config.team.channels).toHaveLength(1);
    expect(config.currentUser.aadObjectId).toBe(PLAYGROUND_TEAMS.user.aadObjectId);
  });
});
