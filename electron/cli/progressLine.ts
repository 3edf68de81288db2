/**
 * A throttled progress line on stderr: on a terminal it rewrites one line in place; elsewhere
 * (`--progress` into a log) it prints a line at most every interval. The last count is
 * always shown.
 */
export interface ProgressLine {
  update(done: number, total: number): void;
  /** Show the final count (if not shown yet) and end the line; later calls do nothing. */
  finish(): void;
}

export function createProgressLine(
  write: (text: string) => void,
  { tty, intervalMs = 250, noun = 'articles', verb = 'exported' }: { tty: boolean; intervalMs?: number; noun?: string; verb?: string },
): ProgressLine {
  let lastShown = -Infinity;
  let pending: { done: number; total: number } | null = null;
  let shownAny = false;
  let finished = false;
  const show = (done: number, total: number) => {
    const line = `${verb} ${done}/${total} ${noun}`;
    write(tty ? `\r${line}\x1b[K` : `${line}\n`);
    shownAny = true;
    pending = null;
    lastShown = Date.now();
  };
  return {
    update(done, total) {
      pending = { done, total };
      if (Date.now() - lastShown >= intervalMs || done === total) show(done, total);
    },
    finish() {
      if (finished) return;
      finished = true;
      if (pending) show(pending.done, pending.total);
      if (tty && shownAny) write('\n');
    },
  };
}

export const silentProgress: ProgressLine = { update() {}, finish() {} };
