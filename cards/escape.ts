/**
 * Text from users or from Graph (tenant and policy names, setting values, reasons, error messages)
 * lands in TextBlocks, which Teams renders as markdown. Escaping keeps such text literal, so a policy
 * named "[Click me](https://evil)" or "<at>Everyone</at>" cannot become a link or a mention.
 */

// Backslash-escapable ASCII punctuation (CommonMark) that matters in Teams cards: emphasis, code,
// links and images, HTML/mentions/autolinks, headings, and `$`/`{` so a value can never look like an
// unexpanded `${binding}` or an Adaptive Cards `{{DATE(...)}}` function.
const SPECIALS = /[\\`*_~[\]<>#$|{}]/g;

// A line that starts like a list item or a block quote would be reformatted: escape the marker.
const LINE_START_MARKER = /^(\s*)([-+>]|\d+[.)])(?=\s|$)/gm;

/** Escape markdown specials so the text renders exactly as given. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(SPECIALS, (char) => `\\${char}`)
    .replace(LINE_START_MARKER, (_match, indent: string, marker: string) =>
      marker.length === 1 ? `${indent}\\${marker}` : `${indent}${marker.slice(0, -1)}\\${marker.slice(-1)}`,
    );
}

/** One line of text: newlines and runs of whitespace become single spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Shorten to at most `max` characters (code points, so surrogate pairs are never split), ending
 * with "…" when cut. Shorten before escaping: escapes must never be cut in half.
 */
export function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** Untrusted text for a single-line TextBlock: collapsed, shortened, escaped. */
export function safeLine(text: string, max: number): string {
  return escapeMarkdown(shorten(oneLine(text), max));
}
