import { stringify } from 'yaml';

/**
 * The Playground's mock Teams: one MSP tenant, the bot, the demo user (Alex) and the five other
 * users its schema requires, a personal chat, a group chat and a team with General and Announcements.
 * Every id that Driftwatch reads as an Entra id is a real GUID: the Playground's built-in config uses
 * 13-hex-digit pseudo GUIDs, which the bot rightly refuses as object ids.
 */
export const PLAYGROUND_TEAMS = {
  tenantId: '5d7e0a11-0000-4000-8000-0000000000d1',
  bot: { id: '28:5d7e0a11-0000-4000-8000-0000000000b1', name: 'Driftwatch' },
  user: {
    id: '29:demo-alex',
    name: 'Alex Wilber',
    aadObjectId: '5d7e0a11-0000-4000-8000-0000000000a1',
  },
  team: {
    /** The team's id is also its General channel's id (as in Teams). */
    id: '19:driftwatch-demo-general@thread.tacv2',
    name: 'IT Operations',
    aadGroupId: '5d7e0a11-0000-4000-8000-0000000000c1',
    announcementsId: '19:driftwatch-demo-announcements@thread.tacv2',
  },
} as const;

const OTHER_USERS = [
  ['megan', 'Megan', 'Bowen'],
  ['adele', 'Adele', 'Vance'],
  ['isaiah', 'Isaiah', 'Langer'],
  ['patti', 'Patti', 'Fernandez'],
  ['lynne', 'Lynne', 'Robbins'],
] as const;

function user(key: string, given: string, surname: string, aadObjectId: string) {
  return {
    id: `29:demo-${key}`,
    name: `${given} ${surname}`,
    userPrincipleName: `${key}@example.com`,
    aadObjectId,
    givenName: given,
    surname,
    email: `${key}@example.com`,
  };
}

/** The `.m365agentsplayground.yml` text (schema version 0.1.1: exactly five other users). */
export function playgroundConfigYaml(): string {
  const t = PLAYGROUND_TEAMS;
  const config = {
    version: '0.1.1',
    tenantId: t.tenantId,
    bot: { id: t.bot.id, name: t.bot.name },
    currentUser: user('alex', 'Alex', 'Wilber', t.user.aadObjectId),
    users: OTHER_USERS.map(([key, given, surname], i) =>
      user(key, given, surname, `5d7e0a11-0000-4000-8000-0000000000a${i + 2}`),
    ),
    personalChat: { id: '__PERSONAL_CHAT_ID__' },
    groupChat: { id: '__GROUP_CHAT_ID__', name: 'Group Chat' },
    team: {
      id: t.team.id,
      name: t.team.name,
      aadGroupId: t.team.aadGroupId,
      channels: [{ id: t.team.announcementsId, name: 'Announcements' }],
    },
  };
  return `# Written by driftwatch demo: the Playground's mock Teams tenant, users and team.\n${stringify(config)}`;
}
