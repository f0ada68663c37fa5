/** Replaces ${{NAME}} placeholders; a placeholder left without a value is an error that names it. */
export function renderManifest(
  template: string,
  vars: Readonly<Record<string, string | undefined>>,
): unknown {
  const missing = new Set<string>();
  const text = template.replace(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g, (_m, name: string) => {
    const value = vars[name];
    if (value === undefined) {
      missing.add(name);
      return '';
    }
    return JSON.stringify(value).slice(1, -1);
  });
  if (missing.size > 0) {
    throw new Error(
      `The app manifest needs ${[...missing].join(', ')}: set them in env/.env.<environment> or the environment`,
    );
  }
  return JSON.parse(text) as unknown;
}
