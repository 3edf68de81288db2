/**
 * One measured interchange run in a process of its own, so its peak memory is its own:
 *   node --import tsx bench/interchangeChild.ts export|import <args of `workbench export|import`>
 * Runs the CLI's own command (runCli: export streams through exportToFile; a JSONL import
 * streams its file twice, streamedImport.ts) and prints one JSON line: {ms, peakRssMb, baseRssMb,
 * peakHeapMb}. Peak RSS is the kernel's high-water mark (VmHWM); peak heap is sampled every 10 ms.
 */
import { readFileSync } from 'node:fs';
import { REPO_DATA_DIR } from '../electron/service/repoPaths';
import { runCli } from '../electron/cli/runCli';

const MB = 1024 * 1024;

/** The process's peak resident set so far, in MB (VmHWM; maxRSS where /proc is missing). */
function peakRssMb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const baseRssMb = peakRssMb();
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 10);
  let stderr = '';
  const t0 = performance.now();
  const code = await runCli(argv, {
    stdout: () => {},
    stderr: (text) => void (stderr += text),
    stderrIsTTY: false,
    signal: new AbortController().signal,
    cwd: process.cwd(),
    dataDir: REPO_DATA_DIR,
  });
  const ms = performance.now() - t0;
  clearInterval(sampler);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  if (code !== 0) throw new Error(`workbench ${argv.join(' ')} exited ${code}: ${stderr.trim()}`);
  console.log(JSON.stringify({ ms, peakRssMb: peakRssMb(), baseRssMb, peakHeapMb: peakHeap / MB }));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
