/** Rule 20: `"mdm,microsoftSense"` and `"microsoftSense, mdm"` are the same flags. */
export function canonicalFlags(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .sort()
    .join(',');
}

const DURATION =
  /^(-)?P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Rule 21: ISO 8601 durations compare as seconds (`PT12H` = `PT720M` = 43200). Other values unchanged. */
export function canonicalDuration(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const m = DURATION.exec(value);
  if (!m || value === 'P' || value === 'PT') return value;
  const [, sign, d, h, min, s] = m;
  const seconds = Number(d ?? 0) * 86400 + Number(h ?? 0) * 3600 + Number(min ?? 0) * 60 + Number(s ?? 0);
  return sign ? -seconds : seconds;
}

/** A set of scalars: sorted, duplicates removed. */
export function canonicalSet(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const strings = value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  const unique = [...new Map(strings.map((s, i) => [s, value[i]])).entries()];
  return unique.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}
