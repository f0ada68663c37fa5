/**
 * Change-path patterns used by ignore rules and the severity table. A path looks like
 * `settings[device_vendor_msft_x].choiceSettingValue.value`, `omaSettings[./Device/…]`,
 * `assignments[group:<id>]` or `conditions.users.excludeGroups`. In a pattern `*` matches any run of
 * characters; matching is case-insensitive, and a pattern also matches everything below the path it names.
 */
export type PathMatcher = (path: string) => boolean;

const cache = new Map<string, RegExp>();

export function compilePathPattern(pattern: string): PathMatcher {
  let re = cache.get(pattern);
  if (!re) {
    const body = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    re = new RegExp(`^${body}(?:$|[.[])`, 'i');
    cache.set(pattern, re);
  }
  const compiled = re;
  return (path) => compiled.test(path);
}

export function matchesPath(pattern: string, path: string): boolean {
  return compilePathPattern(pattern)(path);
}
