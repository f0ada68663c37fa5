/** A place a secret must never reach, with its text. */
export interface Haystack {
  where: string;
  text: string;
}

export interface Leak {
  secret: string;
  where: string;
}

/**
 * The needles for one secret: the whole value, and for a PEM key every 24-character run of its
 * base64 body (a key printed in part, or re-wrapped, still counts as leaked).
 */
export function needlesOf(secret: string): string[] {
  const body = /-----BEGIN [A-Z ]+-----([\s\S]+?)-----END/.exec(secret)?.[1];
  if (!body) return [secret];
  const flat = body.replace(/\s+/g, '');
  const needles: string[] = [];
  for (let i = 0; i + 24 <= flat.length; i += 24) needles.push(flat.slice(i, i + 24));
  return needles;
}

/** Every (secret, place) where a secret or a piece of it shows up. */
export function findLeaks(secrets: Record<string, string>, haystacks: readonly Haystack[]): Leak[] {
  const leaks: Leak[] = [];
  for (const [name, secret] of Object.entries(secrets)) {
    const needles = needlesOf(secret);
    for (const hay of haystacks) {
      if (needles.some((n) => hay.text.includes(n))) leaks.push({ secret: name, where: hay.where });
    }
  }
  return leaks;
}
