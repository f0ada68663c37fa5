/** Teams refreshes automatically for at most 60 listed users; more would be refused. */
export const MAX_REFRESH_USERS = 60;

/**
 * `refresh.userIds` for a card. Empty (the default) means no automatic refresh: channel cards are
 * edited in place by the bot for everyone, and Teams still offers "Refresh card" in the menu.
 */
export function refreshUsers(userIds: readonly string[] | undefined): string[] {
  return (userIds ?? []).slice(0, MAX_REFRESH_USERS);
}
