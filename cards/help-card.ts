import { safeLine } from './escape';
import { expandTemplate, type AdaptiveCard } from './render';
import template from './templates/help.json';

export interface HelpCommand {
  usage: string;
  description: string;
  /** Only Driftwatch admins may run it. */
  admin?: boolean;
}

/** The chat commands the bot understands, in the order help lists them. */
export const HELP_COMMANDS: readonly HelpCommand[] = [
  { usage: 'help', description: 'This list.' },
  {
    usage: 'status [tenant]',
    description: 'Drift status of one tenant; without a tenant, every tenant worst first.',
  },
  {
    usage: 'findings [tenant] [severity>=x] [state]',
    description: 'List findings, e.g. “findings contoso severity>=high open”.',
  },
  { usage: 'tenants', description: 'The tenants Driftwatch watches.' },
  { usage: 'check [tenant]', description: 'Check now instead of waiting for the schedule.', admin: true },
  {
    usage: 'baseline capture [tenant]',
    description: 'Make the tenant’s current configuration its baseline.',
    admin: true,
  },
  {
    usage: 'link <tenant> [severity>=x]',
    description:
      'Post this tenant’s summaries here; with severity>=x, only findings of that severity and above.',
    admin: true,
  },
  {
    usage: 'link all',
    description: 'Make this a portfolio channel for every tenant (severity>=x works here too).',
    admin: true,
  },
  { usage: 'unlink', description: 'Stop posting summaries here.', admin: true },
  { usage: 'whoami', description: 'Your Entra id and what you may do.' },
  {
    usage: 'debug',
    description: 'What this conversation is linked to and whether posting here works, for support.',
  },
];

export interface HelpCardData {
  commands?: readonly HelpCommand[];
  /** What the user typed when it was not understood. */
  unknownText?: string;
}

export function renderHelpCard(data: HelpCardData = {}): AdaptiveCard {
  const commands = data.commands ?? HELP_COMMANDS;
  const view = {
    hasUnknown: data.unknownText !== undefined,
    unknown: `Sorry, I did not understand “${safeLine(data.unknownText ?? '', 80)}”.`,
    commands: commands.map((command) => ({
      usage: safeLine(command.usage, 60),
      description: `${safeLine(command.description, 160)}${command.admin === true ? ' *(admins)*' : ''}`,
    })),
  };
  return expandTemplate(template, view);
}
