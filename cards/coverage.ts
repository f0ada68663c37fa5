import type { Coverage } from '../core/model';
import { safeLine } from './escape';
import { plural, typeLabel, type FormatOptions } from './format';

/** How a card shows coverage: either "all read" or the types that were not checked, and why. */
export interface CoverageView {
  complete: boolean;
  incomplete: boolean;
  text: string;
  notChecked: { line: string }[];
}

const MAX_LISTED_TYPES = 8;

export function coverageView(coverage: Coverage, options?: FormatOptions): CoverageView {
  const types = Object.keys(coverage).sort();
  const notChecked = types.filter((type) => coverage[type]?.status !== 'complete');
  if (notChecked.length === 0) {
    return {
      complete: true,
      incomplete: false,
      text:
        types.length === 0
          ? 'No policy types were in scope.'
          : `All ${plural(types.length, 'policy type')} read completely.`,
      notChecked: [],
    };
  }
  const lines = notChecked.slice(0, MAX_LISTED_TYPES).map((type) => {
    const entry = coverage[type];
    const why = entry?.reason ?? (entry?.status === 'skipped' ? 'skipped' : 'read failed');
    return { line: `**${safeLine(typeLabel(type, options), 60)}**: ${safeLine(why, 120)}` };
  });
  const rest = notChecked.length - lines.length;
  if (rest > 0) lines.push({ line: `and ${plural(rest, 'more type')}` });
  return {
    complete: false,
    incomplete: true,
    text: `${plural(notChecked.length, 'policy type')} of ${types.length} not checked; their findings keep their last state.`,
    notChecked: lines,
  };
}
