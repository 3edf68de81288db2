/**
 * Which process wrote a record (a lock file), told apart from whichever process owns the same
 * pid today. A pid alone is not enough: after a reboot or a crash the pid in an old lock file is
 * often reused by an unrelated process, and a lock judged by pid alone then blocks forever.
 *
 * On Linux a process is named by the boot it runs in (/proc/sys/kernel/random/boot_id) and its
 * start time in clock ticks since that boot (field 22 of /proc/<pid>/stat). Both are exact
 * integers read the same way by the writer and the checker, so no clock tolerance is needed and
 * a wall-clock step (NTP, a laptop waking up) cannot make a running holder look dead. Wall-clock
 * time is used only for records written without a start time (by older versions): a process
 * that started after the record was written cannot have written it. Where /proc is missing
 * (macOS, Windows) only the pid can be checked.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface ProcessIdentity {
  pid: number;
  /** When the process started, for people reading the record. */
  started: string;
  /** Linux only: the kernel's boot id and the process's start in clock ticks since that boot. */
  bootId?: string;
  startTicks?: number;
}

/** Slack when comparing a start time derived from /proc (whole seconds of btime) with a file's mtime. */
const WALL_CLOCK_SLACK_MS = 2000;
/** USER_HZ: the unit of /proc/<pid>/stat times; 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

let current: ProcessIdentity | undefined;

export function currentProcessIdentity(): ProcessIdentity {
  if (!current) {
    const stat = readProcStat(process.pid);
    const bootId = readBootId();
    current = {
      pid: process.pid,
      started: new Date(performance.timeOrigin).toISOString(),
      ...(stat && bootId ? { bootId, startTicks: stat.startTicks } : {}),
    };
  }
  return current;
}

/**
 * Whether the process that wrote `recorded` (on this host) still runs. `writtenAtMs` is when the
 * record was written (its file's mtime). When in doubt the answer is yes: wrongly calling a
 * holder dead would let two processes write one workspace.
 */
export function isRecordedProcessRunning(recorded: Omit<ProcessIdentity, 'started'>, writtenAtMs: number): boolean {
  if (!pidExists(recorded.pid)) return false;
  const here = currentProcessIdentity();
  if (here.bootId === undefined) return true; // no /proc: the pid is all there is to go on
  if (recorded.bootId !== undefined && recorded.bootId !== here.bootId) return false; // written before a reboot
  const stat = readProcStat(recorded.pid);
  if (!stat) return true; // hidden from us (hidepid) or just exited: cannot tell
  if (stat.state === 'Z' || stat.state === 'X') return false; // exited, not yet reaped
  if (recorded.bootId !== undefined && recorded.startTicks !== undefined) return stat.startTicks === recorded.startTicks;
  const bootTimeMs = readBootTimeMs();
  if (bootTimeMs === undefined) return true;
  const startedAtMs = bootTimeMs + (stat.startTicks * 1000) / CLOCK_TICKS_PER_SECOND;
  return startedAtMs <= writtenAtMs + WALL_CLOCK_SLACK_MS;
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH'; // EPERM: it runs, as another user
  }
}

interface ProcStat {
  state: string;
  startTicks: number;
}

function readProcStat(pid: number): ProcStat | null {
  const text = readProcFile(`/proc/${pid}/stat`);
  if (text === null) return null;
  // The command name (field 2) is in parentheses and may itself contain spaces and ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const startTicks = Number(fields[19]); // field 22 of the whole line; fields[0] is field 3
  return fields[0] && Number.isSafeInteger(startTicks) ? { state: fields[0], startTicks } : null;
}

function readBootId(): string | undefined {
  return readProcFile('/proc/sys/kernel/random/boot_id')?.trim() || undefined;
}

function readBootTimeMs(): number | undefined {
  const seconds = Number(/^btime (\d+)$/m.exec(readProcFile('/proc/stat') ?? '')?.[1]);
  return seconds ? seconds * 1000 : undefined;
}

function readProcFile(file: string): string | null {
  if (process.platform !== 'linux') return null;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
