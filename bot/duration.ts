const ISO_DURATION =
  /^P(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i;
const HOURS = /^\d+(?:\.\d+)?$/;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * An age as people write it in configuration: an ISO 8601 duration without years or months (their
 * length varies: "P1D", "PT36H", "P1DT12H", "P2W") or a plain number of hours ("24", "0.5").
 * Undefined when it is neither, or not longer than zero.
 */
export function parseDurationMs(text: string): number | undefined {
  const value = text.trim();
  let ms: number;
  if (HOURS.test(value)) ms = Number(value) * HOUR;
  else {
    const match = ISO_DURATION.exec(value);
    if (!match || value.toUpperCase() === 'P' || value.toUpperCase().endsWith('T')) return undefined;
    const n = (i: number) => Number((match[i] ?? '0').replace(',', '.'));
    ms = n(1) * 7 * DAY + n(2) * DAY + n(3) * HOUR + n(4) * MINUTE + n(5) * 1000;
  }
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms) : undefined;
}

/** "24 hours", "2 days", "90 minutes": the largest unit that divides the age evenly. */
export function describeDuration(ms: number): string {
  const unit = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  if (ms % DAY === 0 && ms >= 2 * DAY) return unit(ms / DAY, 'day');
  if (ms % HOUR === 0) return unit(ms / HOUR, 'hour');
  if (ms % MINUTE === 0) return unit(ms / MINUTE, 'minute');
  return unit(Math.round(ms / 1000), 'second');
}
