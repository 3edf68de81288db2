/**
 * How V8 runs `workbench convert`: the tuning of its compiler and garbage collector for a short
 * batch, in one place (bin/workbench.cjs applies it before any of the CLI's code is loaded;
 * bin/cliBundle.cjs puts the flags back as they were at the start before it saves the code
 * cache, whose flags V8 compares with the next start's). Each choice was measured on bench
 * section `convert` (1,000 PolNeAR documents from brat to doccano, 2 cores).
 *
 * - Eight times V8's optimizing budget (67,584 units of bytecode run): optimizing the per-span
 *   functions early, then dropping and recompiling them as new string kinds and span shapes
 *   came, cost more CPU on background threads than the optimized code saved (a third of the run).
 * - Garbage collected on the main thread alone: for a young generation of a few megabytes,
 *   handing each scavenge and marking to helper threads cost more than it saved (4%).
 * - A young generation of at most 4 MB a semi-space. V8 doubles it while objects survive its
 *   collections, up to 16 MB, and whether a run ends at 8 or 16 MB turned on trifles (whether
 *   stdout was a pipe); every doubling past a few megabytes made the run slower (16 MB: 10%),
 *   allocation leaving the processor's caches and touching fresh memory. Its largest size can
 *   only be set when Node starts, so growth is stopped (growth factor 1) as soon as it is
 *   found at 4 MB: the run took 12% less wall time (2 MB did as well, 8 MB
 *   half as well).
 */
'use strict';
const v8 = require('node:v8');

const CONVERT_INTERRUPT_BUDGET = 8 * 67_584;
const CONVERT_V8_FLAGS = [`--interrupt-budget=${CONVERT_INTERRUPT_BUDGET}`, '--no-parallel-scavenge', '--no-concurrent-marking'];
/** Bytes of one semi-space (the young generation is two) past which it does not grow. */
const YOUNG_SEMI_SPACE_CAP = 4 * 1024 * 1024;
/** V8's own growth factor, which the flags at start keep (and the code cache is made with). */
const GROWTH_AT_START = '--semi-space-growth-factor=2';
const NO_GROWTH = '--semi-space-growth-factor=1';

let stopWatching;

/** How often the young generation's size is looked at until it reaches the cap (it grows in collections a few tens of milliseconds apart). */
const WATCH_EVERY_MS = 5;

/** Tune this process for `convert`: call before any of the CLI's code is loaded. */
function tuneV8ForConvert() {
  v8.setFlagsFromString([...CONVERT_V8_FLAGS, GROWTH_AT_START].join(' '));
  // Looked at between the conversion's turns of the event loop (a timer, where an observer of
  // collections would load perf_hooks, 3 ms of the start), until the cap is reached.
  const timer = setInterval(() => {
    const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    if (young && young.space_size >= 2 * YOUNG_SEMI_SPACE_CAP) {
      v8.setFlagsFromString(NO_GROWTH);
      clearInterval(timer);
    }
  }, WATCH_EVERY_MS);
  timer.unref();
  stopWatching = () => clearInterval(timer);
}

/** The flags as tuneV8ForConvert set them at the start (for a code cache made now to fit the next start). */
function v8FlagsAsAtStart() {
  stopWatching?.();
  v8.setFlagsFromString(GROWTH_AT_START);
}

module.exports = { YOUNG_SEMI_SPACE_CAP, tuneV8ForConvert, v8FlagsAsAtStart };
