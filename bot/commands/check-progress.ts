import type { ReadProgress } from '../../core/graph/tenant-reader';

type Stream = NodeJS.WritableStream & { isTTY?: boolean };

const WIDTH = 20;

/**
 * Read progress of `driftwatch check`: on a terminal, one bar per policy type redrawn in place;
 * otherwise one plain line per finished type (logs and CI stay readable).
 */
export function createCheckProgress(out: Stream, types: readonly string[]): (e: ReadProgress) => void {
  if (!out.isTTY) {
    return (e) => {
      if (e.status === 'started') return;
      out.write(`${e.policyType}: ${e.status} (${e.objects} object${e.objects === 1 ? '' : 's'})\n`);
    };
  }
  const state = new Map<string, ReadProgress>(
    types.map((t) => [t, { policyType: t, status: 'started', objects: 0 }]),
  );
  const pad = Math.max(...types.map((t) => t.length), 10);
  let drawn = 0;
  const draw = () => {
    if (drawn > 0) out.write(`\x1b[${drawn}A`);
    for (const e of state.values()) out.write(`\x1b[2K${line(e, pad)}\n`);
    drawn = state.size;
  };
  draw();
  return (e) => {
    state.set(e.policyType, e);
    draw();
  };
}

function line(e: ReadProgress, pad: number): string {
  const done = e.status !== 'started';
  const bar = done ? '#'.repeat(WIDTH) : '.'.repeat(WIDTH);
  const label = done ? `${e.status} (${e.objects})` : 'reading…';
  return `${e.policyType.padEnd(pad)} [${bar}] ${label}`;
}
